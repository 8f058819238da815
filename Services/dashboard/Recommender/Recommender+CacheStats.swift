extension Recommender {
    /// `GET /cache/stats`: recommender-api's cache counters since its process started.
    struct CacheStats: Sendable, Equatable, Decodable {
        var hits: Int
        var misses: Int
        var hitRatio: Double?
        var redisUp: Bool?

        enum CodingKeys: String, CodingKey {
            case hits, misses
            case hitRatio = "hit_ratio"
            case redisUp = "redis_up"
        }

        /// The ratio the service reports, or computed from the counters; nil before the first lookup.
        var effectiveHitRatio: Double? {
            if let hitRatio { return hitRatio }
            return hits + misses > 0 ? Double(hits) / Double(hits + misses) : nil
        }
    }
}
