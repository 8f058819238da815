import Logging
import Redis
import ServiceRuntime
import Synchronization

/// The Redis side of recommender-api: cached response bodies and now-playing entries.
///
/// Redis is an optimization, never a dependency of an answer: every read or write is bounded
/// by the client's timeouts, failures are logged and counted and turn into "not cached", and
/// after a failure `RedisCircuit` keeps requests away from Redis for a moment.
final class RecommendationCache: Sendable {
    private let clients: [RedisClient]
    private let next = Atomic<Int>(0)
    private let circuit: RedisCircuit
    private let ttl: Duration
    private let metrics: RecommenderMetrics
    private let logger: Logger

    init(clients: [RedisClient], ttl: Duration, metrics: RecommenderMetrics, circuit: RedisCircuit = RedisCircuit(), logger: Logger) {
        precondition(!clients.isEmpty, "the cache needs at least one Redis connection")
        self.clients = clients
        self.ttl = ttl
        self.metrics = metrics
        self.circuit = circuit
        self.logger = logger
    }

    /// The cached bytes, or nil when the key is absent or Redis cannot answer now.
    func get(_ key: String) async -> [UInt8]? {
        await attempt("GET") { try await $0.get(key) } ?? nil
    }

    /// Stores `value` under `key` with the cache TTL (or `ttl`); a failure only costs the entry.
    func set(_ key: String, _ value: [UInt8], ttl: Duration? = nil) async {
        _ = await attempt("SET") { try await $0.set(key, to: value, expiresIn: ttl ?? self.ttl) }
    }

    /// One value per key (nil where absent), or nil when Redis cannot answer now.
    func getMany(_ keys: [String]) async -> [[UInt8]?]? {
        guard !keys.isEmpty else { return [] }
        return await attempt("MGET") { try await $0.mget(keys) }
    }

    /// Scores `member` in the sorted set `key` and trims the set in the same round trip: members
    /// scored below `minScore` go, then all but the `keep` highest, and the set expires after
    /// `ttl` without writes. A failure only costs this update.
    func rank(_ member: String, score: Int, in key: String, minScore: Int, keep: Int, ttl: Duration) async {
        _ = await attempt("ZADD") { client in
            try await client.pipeline { pipeline in
                pipeline.append("ZADD", key, score, member)
                pipeline.append("ZREMRANGEBYSCORE", key, "-inf", "(\(minScore)")
                pipeline.append("ZREMRANGEBYRANK", key, 0, -(keep + 1))
                pipeline.append("EXPIRE", key, max(1, Int(ttl.components.seconds)))
            }
        }
    }

    /// The `count` highest-scored members of the sorted set `key`, best first; nil when Redis
    /// cannot answer now.
    func topRanked(_ key: String, count: Int) async -> [String]? {
        await attempt("ZREVRANGE") { client -> [String] in
            let reply = try await client.send("ZREVRANGE", key, 0, count - 1)
            guard case .array(let members) = reply else { throw RedisError.protocolError("ZREVRANGE answered \(reply)") }
            return members.compactMap(\.string)
        }
    }

    /// Deletes every key matching `pattern` (a Redis glob) and returns how many were deleted.
    /// Unlike reads, this throws when Redis cannot be reached: the caller must learn that
    /// nothing was invalidated.
    func deleteMatching(_ pattern: String) async throws -> Int {
        let client = nextClient()
        var cursor = "0"
        var deleted = 0
        repeat {
            let reply = try await client.send("SCAN", cursor, "MATCH", pattern, "COUNT", 1000)
            guard case .array(let parts) = reply, parts.count == 2, let nextCursor = parts[0].string,
                  case .array(let keys) = parts[1] else {
                throw RedisError.protocolError("SCAN answered \(reply)")
            }
            let names = keys.compactMap(\.string)
            if !names.isEmpty { deleted += try await client.del(names) }
            cursor = nextCursor
        } while cursor != "0"
        return deleted
    }

    /// Asks Redis itself (not the circuit), for `/ready`, `/cache/stats` and tests.
    func ping() async throws {
        try await nextClient().ping()
        if !circuit.isClosed {
            circuit.succeeded()
            metrics.redisRecovered()
        }
    }

    /// Runs one command unless the circuit is open; nil when skipped or failed.
    private func attempt<T: Sendable>(_ operation: String, _ body: (RedisClient) async throws -> T) async -> T? {
        guard circuit.allowsAttempt else { return nil }
        do {
            let value = try await body(nextClient())
            if !circuit.isClosed {
                circuit.succeeded()
                metrics.redisRecovered()
                logger.info("redis is back; caching again")
            }
            return value
        } catch {
            circuit.failed()
            metrics.redisError()
            logger.warning("redis unavailable; answering without the cache", metadata: ["operation": "\(operation)", "error": "\(error)"])
            return nil
        }
    }

    private func nextClient() -> RedisClient {
        clients[next.wrappingAdd(1, ordering: .relaxed).oldValue % clients.count]
    }
}
