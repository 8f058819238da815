/// One row of `gold.track_recommendations`, as the items of `GET /users/{user_id}/recommendations`.
struct RankedRecommendation: Codable, Sendable, Equatable {
    var rank: Int
    var trackID: String
    var trackName: String
    var artistName: String
    var recommendationScore: Double
    var reason: String
    var cooccurrenceScore: Double
    var artistAffinity: Double

    enum CodingKeys: String, CodingKey {
        case rank, trackID = "track_id", trackName = "track_name", artistName = "artist_name"
        case recommendationScore = "recommendation_score", reason
        case cooccurrenceScore = "cooccurrence_score", artistAffinity = "artist_affinity"
    }
}
