import Kafka
import Lake
import ServiceRuntime

/// lake-writer settings, all from the environment (README lists them).
struct LakeWriterConfiguration: Sendable {
    var port: Int
    var kafkaBrokers: String
    /// librdkafka properties from `KAFKA_PROPERTY_*` (security settings, tuning), checked at start.
    var kafkaProperties: [String: String]
    var lake: LakeURI
    var adminToken: String?
    var flush: FlushPolicy
    var compaction: CompactionPolicy
    /// The consumer group; benchmarks and tests run their own instances in their own group.
    var groupID: String
    /// Partitions per topic when lake-writer creates missing topics at start-up (SPEC: default 6).
    var topicPartitions: Int
    /// Tansu assigns a group's partitions only after half the session timeout: tests lower it.
    var sessionTimeout: Duration
    /// The environment, for the lake's own variables (S3_*, AWS_*, LAKE_S3_MULTIPART_BYTES).
    var environment: [String: String]

    init(_ env: ServiceEnvironment) throws {
        port = try env.port(default: 8082)
        kafkaBrokers = try env.kafkaBrokers()
        kafkaProperties = try env.kafkaProperties(check: KafkaClientConfiguration.checkProperty)
        lake = try env.parsed("LAKE_URI", expected: LakeURI.expectedForm, LakeURI.init)
        adminToken = try env.token("ADMIN_TOKEN")
        flush = FlushPolicy(
            maxEvents: try env.int("LAKE_WRITER_FLUSH_EVENTS", default: 100_000, range: 1...10_000_000),
            maxBytes: try env.int("LAKE_WRITER_FLUSH_BYTES", default: 64 << 20, range: 1024...(1 << 31)),
            idle: .milliseconds(Int64(try env.double("LAKE_WRITER_FLUSH_SECONDS", default: 20, range: 0.05...86_400) * 1000)),
            // Rolls: under steady traffic a partition-hour is written every 30 s, so an event is
            // in the lake (and, at the loader's next poll, in bronze) within a minute; compaction
            // turns the rolls of a settled hour into one file.
            maxAge: .milliseconds(Int64(try env.double("LAKE_WRITER_FLUSH_MAX_SECONDS", default: 30, range: 0.05...604_800) * 1000)),
            memoryBudgetBytes: try env.int("LAKE_WRITER_MEMORY_BUDGET_BYTES", default: 256 << 20, range: 1 << 20...(1 << 40))
        )
        let compactInterval = try env.double("LAKE_WRITER_COMPACT_INTERVAL_SECONDS", default: 30, range: 0...86_400)
        compaction = CompactionPolicy(
            interval: compactInterval == 0 ? nil : .milliseconds(Int64(compactInterval * 1000)),
            settle: .milliseconds(Int64(try env.double("LAKE_WRITER_COMPACT_AFTER_SECONDS", default: 300, range: 0...604_800) * 1000))
        )
        groupID = env.string("LAKE_WRITER_GROUP_ID", default: "lake-writer")
        topicPartitions = try env.int("KAFKA_TOPIC_PARTITIONS", default: 6, range: 1...1000)
        sessionTimeout = .milliseconds(try env.int("LAKE_WRITER_SESSION_TIMEOUT_MS", default: 10_000, range: 1000...300_000))
        environment = env.values
    }
}
