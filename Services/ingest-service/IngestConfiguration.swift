import Kafka
import ServiceRuntime

/// ingest-service settings, all from the environment (README lists them).
struct IngestConfiguration: Sendable {
    var port: Int
    var kafkaBrokers: String
    /// librdkafka properties from `KAFKA_PROPERTY_*` (security settings, tuning), checked at start.
    var kafkaProperties: [String: String]
    /// When set, `POST /v1/events` and `POST /v1/simulate` require `Authorization: Bearer <token>`.
    var ingestToken: String?
    /// When set, `POST /v1/simulate` requires it.
    var adminToken: String?
    var limits: IngestLimits
    /// How long Kafka may take to acknowledge a request's events before the client gets a 503.
    var kafkaTimeout: Duration
    /// Records the producer may hold unacknowledged; beyond it requests get a 503 at once.
    var kafkaQueueRecords: Int
    /// How long the producer waits to fill a batch: every request waits for its acknowledgement,
    /// so this is added to each request's latency; batches of events fill it on their own.
    var kafkaLinger: Duration
    var topicPartitions: Int
    /// How far back `ingest_duplicate_events_total` looks for an earlier copy of an event_id.
    var duplicateWindow: Duration

    init(_ env: ServiceEnvironment) throws {
        port = try env.port(default: 8081)
        kafkaBrokers = try env.kafkaBrokers()
        kafkaProperties = try env.kafkaProperties(check: KafkaClientConfiguration.checkProperty)
        ingestToken = try env.token("INGEST_TOKEN")
        adminToken = try env.token("ADMIN_TOKEN")
        limits = IngestLimits(
            maxBodyBytes: try env.int("INGEST_SERVICE_MAX_BODY_BYTES", default: 5 * 1024 * 1024, range: 1024...(256 * 1024 * 1024)),
            maxBatchEvents: try env.int("INGEST_SERVICE_MAX_BATCH_EVENTS", default: 10_000, range: 1...1_000_000)
        )
        kafkaTimeout = .milliseconds(try env.int("INGEST_SERVICE_KAFKA_TIMEOUT_MS", default: 5_000, range: 100...300_000))
        kafkaQueueRecords = try env.int("INGEST_SERVICE_KAFKA_QUEUE_RECORDS", default: 200_000, range: 1_000...10_000_000)
        kafkaLinger = .milliseconds(try env.int("INGEST_SERVICE_KAFKA_LINGER_MS", default: 1, range: 0...1_000))
        topicPartitions = try env.int("INGEST_SERVICE_TOPIC_PARTITIONS", default: 6, range: 1...1_000)
        duplicateWindow = .seconds(try env.int("INGEST_SERVICE_DUPLICATE_WINDOW_S", default: 600, range: 1...86_400))
    }
}

/// What one request may carry.
struct IngestLimits: Sendable {
    var maxBodyBytes: Int
    var maxBatchEvents: Int
}
