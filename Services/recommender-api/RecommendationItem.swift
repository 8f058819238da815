/// One recommended track, as docs/CONTRACT.md's `recommendations` items.
struct RecommendationItem: Codable, Sendable, Equatable {
    var trackID: String
    var trackName: String
    var artistName: String
    var recommendationScore: Double
    var reason: String
    var cooccurrenceScore: Double
    var artistAffinity: Double

    enum CodingKeys: String, CodingKey {
        case trackID = "track_id", trackName = "track_name", artistName = "artist_name"
        case recommendationScore = "recommendation_score", reason
        case cooccurrenceScore = "cooccurrence_score", artistAffinity = "artist_affinity"
    }
}
