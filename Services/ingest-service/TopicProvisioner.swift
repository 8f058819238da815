import EventSchema
import Kafka
import Logging
import ServiceLifecycle

/// Creates the platform's topics at start-up (docs/CONTRACT.md: explicitly, never by auto-creation),
/// retrying with backoff while the broker is unreachable instead of failing the start.
struct TopicProvisioner: Service {
    let admin: KafkaAdmin
    let partitions: Int
    let logger: Logger

    func run() async throws {
        // A graceful shutdown cancels the retry loop, including a backoff sleep in progress.
        try? await cancelWhenGracefulShutdown { await provision() }
        try? await gracefulShutdown()
    }

    private func provision() async {
        var delay = Duration.milliseconds(500)
        while !Task.isCancelled {
            do {
                try await admin.createTopics(EventTopics.all.map { .init(name: $0, partitions: partitions) })
                logger.info("topics ready", metadata: ["topics": "\(EventTopics.all)", "partitions": "\(partitions)"])
                return
            } catch {
                logger.warning("cannot create topics yet; retrying", metadata: ["error": "\(error)", "retry_in": "\(delay)"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(30))
            }
        }
    }
}
