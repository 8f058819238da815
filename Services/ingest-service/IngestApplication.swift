import Hummingbird
import Kafka
import Logging
import ServiceLifecycle
import ServiceRuntime

/// Builds ingest-service: shared by the executable and the tests.
///
/// `publisher` replaces Kafka for unit tests of failure paths; the service itself always
/// publishes through the Kafka producer built here.
func buildIngestApplication(
    _ configuration: IngestConfiguration, logger: Logger, publisher: (any EventPublisher)? = nil
) throws -> some ApplicationProtocol {
    // Before the service's counters are made: one made earlier would count into no registry
    // (in tests, when this is the first application of the process).
    ServiceMetrics.bootstrap()
    let client = KafkaClientConfiguration(
        bootstrapServers: configuration.kafkaBrokers, clientID: "ingest-service", properties: configuration.kafkaProperties)
    let admin = try KafkaAdmin(configuration: client)
    var services: [any Service] = [TopicProvisioner(admin: admin, partitions: configuration.topicPartitions, logger: logger)]
    let eventPublisher: any EventPublisher
    if let publisher {
        eventPublisher = publisher
    } else {
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(
                client: client, deliveryTimeout: configuration.kafkaTimeout, maxQueuedMessages: configuration.kafkaQueueRecords,
                linger: configuration.kafkaLinger
            ),
            logger: logger
        )
        services.append(ProducerShutdown(producer: producer, timeout: .seconds(5)))
        eventPublisher = producer
    }
    let ingestor = EventIngestor(
        publisher: eventPublisher,
        limits: configuration.limits,
        duplicates: RecentEventIDs(window: configuration.duplicateWindow),
        metrics: IngestMetrics()
    )
    let retryAfter = max(1, Int(configuration.kafkaTimeout.components.seconds))
    let simulations = SimulationController(sink: IngestorSimulationSink(ingestor: ingestor), logger: logger)
    services.append(SimulationShutdown(controller: simulations))
    let description = ServiceDescription(
        name: "ingest-service",
        port: configuration.port,
        dependencies: [DependencyCheck("kafka") { try await admin.ping() }],
        services: services
    )
    return buildServiceApplication(description, logger: logger) { router in
        SimulationRoutes(controller: simulations).add(to: router, token: configuration.adminToken)
        IngestRoutes(ingestor: ingestor, limits: configuration.limits, retryAfterSeconds: retryAfter)
            .add(to: router, token: configuration.ingestToken)
        router.get("/openapi.json") { _, _ in
            Response.json(document: IngestOpenAPI.document)
        }
    }
}
