import Hummingbird
import Kafka
import Lake
import Logging
import ServiceRuntime

/// Builds lake-writer: shared by the executable and the tests.
func buildLakeWriterApplication(_ configuration: LakeWriterConfiguration, logger: Logger) throws -> some ApplicationProtocol {
    let client = KafkaClientConfiguration(
        bootstrapServers: configuration.kafkaBrokers, clientID: "lake-writer", properties: configuration.kafkaProperties)
    let admin = try KafkaAdmin(configuration: client)
    let storage = try ConfigurationError.judged(variable: "LAKE_URI", value: configuration.lake.description) {
        try LakeStorageFactory.make(configuration.lake, environment: configuration.environment, logger: logger)
    }
    let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: client), logger: logger)
    let engine = LakeWriterEngine(storage: storage, policy: configuration.flush, logger: logger)
    let dependencies = [
        DependencyCheck("kafka") { try await admin.ping() },
        DependencyCheck("lake") {
            // A lake that answers the probe but refuses writes is not ready either.
            if let failure = await engine.currentStorageError() { throw DependencyFailure("lake writes failing: \(failure)") }
            try await storage.checkReachable()
        },
    ]
    let service = LakeWriterService(
        consumerConfiguration: KafkaConsumerConfiguration(client: client, groupID: configuration.groupID, sessionTimeout: configuration.sessionTimeout,
                                                           prefetchBytes: configuration.flush.prefetchBytes),
        admin: admin, topicPartitions: configuration.topicPartitions, producer: producer, engine: engine, logger: logger
    )
    let compaction = LakeCompactionService(compactor: LakeCompactor(storage: storage, logger: logger), engine: engine,
                                           policy: configuration.compaction, logger: logger)
    let description = ServiceDescription(name: "lake-writer", port: configuration.port, dependencies: dependencies, services: [service, compaction])
    return buildServiceApplication(description, logger: logger) { router in
        LakeWriterRoutes(engine: engine).add(to: router, adminToken: configuration.adminToken)
    }
}
