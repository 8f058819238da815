extension Recommender {
    /// `GET /users/{user_id}/recommendations`.
    struct UserRecommendations: Sendable, Equatable, Decodable {
        var userID: String
        var recommendations: [RecommendedTrack]
        var generatedAt: String?
        var cacheHit: Bool?

        enum CodingKeys: String, CodingKey {
            case userID = "user_id"
            case recommendations
            case generatedAt = "generated_at"
            case cacheHit = "cache_hit"
        }
    }
}
