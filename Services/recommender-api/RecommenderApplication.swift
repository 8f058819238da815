import Hummingbird
import Kafka
import Logging
import Postgres
import Redis
import ServiceRuntime

/// Builds recommender-api: shared by the executable and the tests.
func buildRecommenderAPIApplication(_ configuration: RecommenderAPIConfiguration, logger: Logger) throws -> some ApplicationProtocol {
    let pool = PostgresConnectionPool(conninfo: configuration.postgresURL, size: 8, applicationName: "recommender-api", logger: logger)
    let redis = try RedisClient(url: configuration.redisURL, logger: logger)
    let admin = try KafkaAdmin(configuration: KafkaClientConfiguration(bootstrapServers: configuration.kafkaBrokers, clientID: "recommender-api"))
    let description = ServiceDescription(
        name: "recommender-api",
        port: configuration.port,
        dependencies: [
            DependencyCheck("postgres") { try await pool.ping() },
            DependencyCheck("redis") { try await redis.ping() },
            DependencyCheck("kafka") { try await admin.ping() },
        ]
    )
    return buildServiceApplication(description, logger: logger) { _ in }
}
