import Kafka
import ServiceRuntime

/// recommender-api settings, all from the environment (README lists them).
struct RecommenderAPIConfiguration: Sendable {
    var port: Int
    var postgresURL: String
    var redisURL: String
    var kafkaBrokers: String
    /// librdkafka properties from `KAFKA_PROPERTY_*` (security settings, tuning), checked at start.
    var kafkaProperties: [String: String]
    var adminToken: String?
    /// `RECOMMENDER_API_CACHE_TTL_S`: how long a cached answer lives (SPEC: 3600 s).
    var cacheTTLSeconds: Int
    /// `RECOMMENDER_API_REDIS_TIMEOUT_MS`: bounds each Redis connect and reply, so a slow Redis
    /// costs a request at most this much before it is answered from PostgreSQL.
    var redisTimeoutMilliseconds: Int
    /// `RECOMMENDER_API_REDIS_CONNECTIONS`: hiredis connections are blocking, one command at a
    /// time; several let concurrent requests reach Redis in parallel.
    var redisConnections: Int
    /// `RECOMMENDER_API_POSTGRES_CONNECTIONS`: size of the PostgreSQL pool.
    var postgresConnections: Int
    /// `RECOMMENDER_API_NOW_PLAYING_GROUP`: consumer group on `now_playing`. Replicas share it
    /// (Redis holds the shared state); tests give each instance its own.
    var nowPlayingGroup: String
    /// `RECOMMENDER_API_NOW_PLAYING_TTL_S`: how long a user's current track is remembered after
    /// its last now_playing event.
    var nowPlayingTTLSeconds: Int

    init(_ env: ServiceEnvironment) throws {
        port = try env.port(default: 8084)
        postgresURL = try env.postgresURL()
        redisURL = try env.redisURL()
        kafkaBrokers = try env.kafkaBrokers()
        kafkaProperties = try env.kafkaProperties(check: KafkaClientConfiguration.checkProperty)
        adminToken = try env.token("ADMIN_TOKEN")
        cacheTTLSeconds = try env.int("RECOMMENDER_API_CACHE_TTL_S", default: 3600, range: 1...604_800)
        redisTimeoutMilliseconds = try env.int("RECOMMENDER_API_REDIS_TIMEOUT_MS", default: 100, range: 1...10_000)
        redisConnections = try env.int("RECOMMENDER_API_REDIS_CONNECTIONS", default: 16, range: 1...64)
        postgresConnections = try env.int("RECOMMENDER_API_POSTGRES_CONNECTIONS", default: 8, range: 1...128)
        nowPlayingGroup = env.string("RECOMMENDER_API_NOW_PLAYING_GROUP", default: "recommender-api-now-playing")
        nowPlayingTTLSeconds = try env.int("RECOMMENDER_API_NOW_PLAYING_TTL_S", default: 3600, range: 1...604_800)
    }
}
