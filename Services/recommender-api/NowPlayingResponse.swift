/// The body of `GET /users/{user_id}/now-playing`.
struct NowPlayingResponse: Codable, Sendable, Equatable {
    var userID: String
    var nowPlaying: NowPlayingTrack?
    var recommendations: [RecommendationItem]
    var cacheHit: Bool
    var generatedAt: String

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", nowPlaying = "now_playing", recommendations, cacheHit = "cache_hit", generatedAt = "generated_at"
    }

    // `now_playing` is always present, as null when nothing plays (the synthesized encoder would omit it).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(userID, forKey: .userID)
        try container.encode(nowPlaying, forKey: .nowPlaying)
        try container.encode(recommendations, forKey: .recommendations)
        try container.encode(cacheHit, forKey: .cacheHit)
        try container.encode(generatedAt, forKey: .generatedAt)
    }
}
