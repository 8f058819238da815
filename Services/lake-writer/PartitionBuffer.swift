import EventSchema
import Kafka

/// Events of one topic-partition whose played_at falls in one UTC hour, waiting to become a file.
struct PartitionBuffer: Sendable {
    struct Key: Hashable, Sendable {
        let partition: KafkaTopicPartition
        /// Start of the event hour, microseconds since the epoch.
        let hourStart: Int64
    }

    let key: Key
    let createdAt: ContinuousClock.Instant
    private(set) var lastAppendAt: ContinuousClock.Instant
    private(set) var events: [ListeningEvent] = []
    private(set) var offsets: [Int64] = []
    private(set) var ingestedAt: [Int64] = []
    /// Sum of the records' JSON sizes: the stand-in for memory held and file size.
    private(set) var bytes = 0

    init(key: Key, createdAt: ContinuousClock.Instant) {
        self.key = key
        self.createdAt = createdAt
        self.lastAppendAt = createdAt
    }

    var count: Int { events.count }
    var firstOffset: Int64 { offsets.first ?? -1 }
    var lastOffset: Int64 { offsets.last ?? -1 }

    mutating func append(_ event: ListeningEvent, offset: Int64, ingestedAtMicros: Int64, size: Int, at now: ContinuousClock.Instant) {
        events.append(event)
        offsets.append(offset)
        ingestedAt.append(ingestedAtMicros)
        bytes += size
        lastAppendAt = now
    }

    func isFull(_ policy: FlushPolicy) -> Bool {
        count >= policy.maxEvents || bytes >= policy.maxBytes
    }

    func isDue(_ policy: FlushPolicy, now: ContinuousClock.Instant) -> Bool {
        isFull(policy) || now - lastAppendAt >= policy.idle || now - createdAt >= policy.maxAge
    }
}
