import Hummingbird
import Kafka
import Logging
import ServiceRuntime

/// Builds lake-writer: shared by the executable and the tests.
func buildLakeWriterApplication(_ configuration: LakeWriterConfiguration, logger: Logger) throws -> some ApplicationProtocol {
    let admin = try KafkaAdmin(configuration: KafkaClientConfiguration(bootstrapServers: configuration.kafkaBrokers, clientID: "lake-writer"))
    var dependencies = [DependencyCheck("kafka") { try await admin.ping() }]
    if case let .file(path) = configuration.lake {
        dependencies.append(DependencyCheck("lake") { try LakeProbe.checkWritable(directory: path) })
    }
    let description = ServiceDescription(name: "lake-writer", port: configuration.port, dependencies: dependencies)
    return buildServiceApplication(description, logger: logger) { _ in }
}
