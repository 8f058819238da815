/// The body of `GET /cache/stats`: counts since the process started.
struct CacheStats: Codable, Sendable, Equatable {
    var hits: Int
    var misses: Int
    var hitRatio: Double
    var redisUp: Bool

    enum CodingKeys: String, CodingKey {
        case hits, misses, hitRatio = "hit_ratio", redisUp = "redis_up"
    }
}
