/// The body of `GET /users/{user_id}/recommendations` minus `cache_hit` (what is cached).
struct UserRecommendations: Codable, Sendable, Equatable {
    var userID: String
    var recommendations: [RankedRecommendation]
    var generatedAt: String

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", recommendations, generatedAt = "generated_at"
    }
}
