/// `GET /users/{user_id}/now-playing`: nothing playing is `nowPlaying == nil` and no recommendations.
struct NowPlayingSnapshot: Sendable, Equatable, Decodable {
    var userID: String
    var nowPlaying: Recommender.NowPlayingTrack?
    var recommendations: [RecommendedTrack]
    var cacheHit: Bool?
    var generatedAt: String?

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case nowPlaying = "now_playing"
        case recommendations
        case cacheHit = "cache_hit"
        case generatedAt = "generated_at"
    }
}
