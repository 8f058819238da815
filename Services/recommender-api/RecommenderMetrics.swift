import Metrics
import Synchronization

/// recommender-api's own series on `/metrics` (per-route request latency comes from the shared
/// HTTP middleware), plus the process-local counts `GET /cache/stats` reports. Metric objects
/// are created once: a registry lookup per request would cost a lock and a label hash.
final class RecommenderMetrics: Sendable {
    private let hitCounter = Counter(label: "recommender_cache_hits_total")
    private let missCounter = Counter(label: "recommender_cache_misses_total")
    private let redisErrorCounter = Counter(label: "recommender_cache_errors_total")
    private let redisUpGauge = Gauge(label: "recommender_redis_up")
    private let queryTimers: [String: Timer]
    private let hitCount = Atomic<Int>(0)
    private let missCount = Atomic<Int>(0)

    static let queryNames = ["candidates_global", "candidates_user", "user_recommendations"]

    init() {
        var timers: [String: Timer] = [:]
        for name in Self.queryNames {
            timers[name] = Timer(label: "recommender_postgres_query_duration_seconds", dimensions: [("query", name)])
        }
        queryTimers = timers
        redisUpGauge.record(1)
    }

    var hits: Int { hitCount.load(ordering: .relaxed) }
    var misses: Int { missCount.load(ordering: .relaxed) }

    func cacheHit() {
        hitCount.add(1, ordering: .relaxed)
        hitCounter.increment()
    }

    /// A request that was not answered from the cache (a missing key, or Redis unavailable).
    func cacheMiss() {
        missCount.add(1, ordering: .relaxed)
        missCounter.increment()
    }

    func redisError() {
        redisErrorCounter.increment()
        redisUpGauge.record(0)
    }

    func redisRecovered() {
        redisUpGauge.record(1)
    }

    func recordQuery(_ name: String, since start: ContinuousClock.Instant) {
        let elapsed = start.duration(to: .now)
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        (queryTimers[name] ?? Timer(label: "recommender_postgres_query_duration_seconds", dimensions: [("query", name)]))
            .recordNanoseconds(nanoseconds)
    }
}
