import Hummingbird
import Kafka
import Logging
import ServiceRuntime

/// Builds ingest-service: shared by the executable and the tests.
func buildIngestApplication(_ configuration: IngestConfiguration, logger: Logger) throws -> some ApplicationProtocol {
    let admin = try KafkaAdmin(configuration: KafkaClientConfiguration(bootstrapServers: configuration.kafkaBrokers, clientID: "ingest-service"))
    let description = ServiceDescription(
        name: "ingest-service",
        port: configuration.port,
        dependencies: [DependencyCheck("kafka") { try await admin.ping() }]
    )
    return buildServiceApplication(description, logger: logger) { _ in }
}
