import Kafka
import Logging
import Synchronization

/// The now_playing group's position, kept in the group so that no event is skipped when
/// partitions move: a rebalance, a replica taking over, or a restart. Without a committed
/// offset a partition starts at the topic's end (`auto.offset.reset=latest`), so a partition
/// handed over without one would silently skip what was posted while it moved (issue seen as a
/// now_playing event that never showed).
///
/// - A partition first assigned with nothing committed gets the current end committed at once:
///   the group's start is pinned there, not at whatever the end is after a later rebalance.
/// - Each handled record's next offset is committed about once a second, before partitions are
///   given up, and before the consumer leaves the group, so a new owner replays little.
///
/// Commits are best effort: the state built from the topic is ephemeral, so a failed commit
/// costs a replay of a few events (the store keeps each user's latest track), never a crash.
final class NowPlayingPositions: Sendable {
    private let pending = Mutex<[KafkaTopicPartition: KafkaTopicPartitionOffset]>([:])
    private let lastCommit = Mutex<ContinuousClock.Instant>(.now)
    private let interval: Duration
    private let logger: Logger

    init(interval: Duration = .seconds(1), logger: Logger) {
        self.interval = interval
        self.logger = logger
    }

    /// Pins the start of `partitions` that have no committed offset at their current end.
    func pinStart(of partitions: [KafkaTopicPartition], in consumer: KafkaConsumer) async {
        do {
            let uncommitted = try await consumer.committed(partitions).filter { $0.offset == nil }
            var starts: [KafkaTopicPartitionOffset] = []
            for partition in uncommitted {
                // On Tansu the queried end can lag the last batch: a start pinned too early
                // replays a few events, which the store absorbs; it never skips any.
                let end = try await consumer.queryWatermarks(partition.topicPartition).high
                starts.append(KafkaTopicPartitionOffset(topic: partition.topic, partition: partition.partition, offset: end))
            }
            try await consumer.commit(starts)
        } catch {
            logger.warning("could not pin the now_playing group's start; a rebalance may skip events",
                           metadata: ["error": "\(error)"])
        }
    }

    /// Notes that `message` was handled; commits when the last commit is `interval` old.
    func handled(_ message: KafkaConsumerMessage, in consumer: KafkaConsumer) async {
        let next = message.nextOffset
        pending.withLock { $0[next.topicPartition] = next }
        let due = lastCommit.withLock { last in
            guard ContinuousClock.now - last >= interval else { return false }
            last = .now
            return true
        }
        if due { await commit(in: consumer) }
    }

    /// Commits every handled offset not yet committed.
    func commit(in consumer: KafkaConsumer) async {
        let offsets = pending.withLock { pending in
            defer { pending.removeAll() }
            return Array(pending.values)
        }
        do {
            try await consumer.commit(offsets)
        } catch {
            logger.warning("could not commit the now_playing group's position; its next owner replays a few events",
                           metadata: ["error": "\(error)"])
        }
    }
}
