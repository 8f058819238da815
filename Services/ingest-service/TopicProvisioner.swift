import EventSchema
import Kafka
import Logging
import ServiceLifecycle

/// Creates the platform's topics at start-up (docs/CONTRACT.md: explicitly, never by auto-creation),
/// retrying with backoff while the broker is unreachable instead of failing the start
/// (`KafkaAdmin.provisionTopics`, shared with lake-writer); a graceful shutdown ends the wait.
struct TopicProvisioner: Service {
    let admin: KafkaAdmin
    let partitions: Int
    let logger: Logger

    func run() async throws {
        // A graceful shutdown cancels the retry loop, including a backoff sleep in progress.
        let topics = EventTopics.all.map { KafkaAdmin.NewTopic(name: $0, partitions: partitions) }
        _ = await cancelWhenGracefulShutdown { await admin.provisionTopics(topics, logger: logger) }
        try? await gracefulShutdown()
    }
}
