import Logging
import Retry

extension KafkaAdmin {
    /// Creates `topics` (existing ones are left as they are), retrying with a doubling pause
    /// (0.5 s up to 30 s) while the broker cannot be reached, so a service started before its
    /// broker waits for it instead of failing. Returns false only when the task was cancelled
    /// (a shutdown) before the topics existed. The one provisioner of ingest-service and
    /// lake-writer: both create the platform's topics explicitly, never by auto-creation.
    public func provisionTopics(_ topics: [NewTopic], logger: Logger) async -> Bool {
        let created: Void? = await retryUntilCancelled(
            Backoff(initial: .milliseconds(500), maximum: .seconds(30)),
            onFailure: { error, pause in
                logger.warning("cannot create topics yet; retrying", metadata: ["error": "\(error)", "retry_in": "\(pause)"])
            }
        ) {
            try await createTopics(topics)
        }
        guard created != nil else { return false }
        logger.info("topics ready", metadata: [
            "topics": "\(topics.map(\.name))", "partitions": "\(Set(topics.map(\.partitions)).sorted())",
        ])
        return true
    }
}
