import Hummingbird
import Kafka
import Logging
import Postgres
import Redis
import ServiceLifecycle
import ServiceRuntime

/// Builds recommender-api: shared by the executable and the tests.
///
/// `repository` replaces PostgreSQL for tests of failure paths; the service itself always
/// reads gold through the pool built here.
func buildRecommenderAPIApplication(
    _ configuration: RecommenderAPIConfiguration, logger: Logger, repository: (any RecommendationRepository)? = nil
) throws -> some ApplicationProtocol {
    // Before the service's counters are made: one made earlier would count into no registry
    // (in tests, when this is the first application of the process).
    ServiceMetrics.bootstrap()
    let metrics = RecommenderMetrics()
    let pool = PostgresConnectionPool(
        conninfo: configuration.postgresURL, size: configuration.postgresConnections, connectTimeout: .seconds(2),
        applicationName: "recommender-api", logger: logger)
    let gold = repository ?? PostgresRecommendationRepository(pool: pool, metrics: metrics)
    let redisTimeout = Duration.milliseconds(configuration.redisTimeoutMilliseconds)
    let redisClients = try (0..<configuration.redisConnections).map { _ in
        try RedisClient(url: configuration.redisURL, connectTimeout: redisTimeout, commandTimeout: redisTimeout, logger: logger)
    }
    let cache = RecommendationCache(clients: redisClients, ttl: .seconds(configuration.cacheTTLSeconds), metrics: metrics, logger: logger)
    let nowPlaying = NowPlayingStore(cache: cache, ttl: .seconds(configuration.nowPlayingTTLSeconds))
    let client = KafkaClientConfiguration(
        bootstrapServers: configuration.kafkaBrokers, clientID: "recommender-api", properties: configuration.kafkaProperties)
    let admin = try KafkaAdmin(configuration: client)
    let consumer = NowPlayingConsumer(
        configuration: KafkaConsumerConfiguration(
            // The broker may hold a fetch until fetch.wait.max.ms (default 500) when little data
            // is waiting; now-playing must show up within a second, so it answers sooner.
            client: KafkaClientConfiguration(
                bootstrapServers: configuration.kafkaBrokers, clientID: "recommender-api",
                properties: ["fetch.wait.max.ms": "50"].merging(configuration.kafkaProperties) { _, given in given }),
            groupID: configuration.nowPlayingGroup, startFromEarliest: false,
            sessionTimeout: .seconds(6), heartbeatInterval: .seconds(1), bufferCapacity: 1_000),
        admin: admin, store: nowPlaying, logger: logger)
    // Redis is an optional check: without it every answer still comes from PostgreSQL (cache_hit
    // false), so its outage makes /ready "degraded" (still 200) rather than unready; it also shows
    // on /cache/stats, recommender_redis_up and service_dependency_up{dependency="redis"}.
    let description = ServiceDescription(
        name: "recommender-api",
        port: configuration.port,
        dependencies: [
            DependencyCheck("postgres") { try await gold.ping() },
            DependencyCheck("kafka") { try await admin.ping() },
            DependencyCheck("redis", required: false) { try await cache.ping() },
        ],
        services: [consumer]
    )
    let service = RecommendationService(repository: gold, cache: cache, metrics: metrics)
    return buildServiceApplication(description, logger: logger) { router in
        RecommenderRoutes(service: service, nowPlaying: nowPlaying, cache: cache, metrics: metrics)
            .add(to: router, adminToken: configuration.adminToken)
    }
}
