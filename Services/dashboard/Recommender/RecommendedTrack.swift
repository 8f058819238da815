/// One recommendation as recommender-api sends it (`rank` only in the per-user list).
struct RecommendedTrack: Sendable, Equatable, Decodable {
    var rank: Int?
    var trackID: String
    var trackName: String?
    var artistName: String?
    var recommendationScore: Double
    var reason: String?
    var cooccurrenceScore: Double?
    var artistAffinity: Double?

    enum CodingKeys: String, CodingKey {
        case rank
        case trackID = "track_id"
        case trackName = "track_name"
        case artistName = "artist_name"
        case recommendationScore = "recommendation_score"
        case reason
        case cooccurrenceScore = "cooccurrence_score"
        case artistAffinity = "artist_affinity"
    }
}
