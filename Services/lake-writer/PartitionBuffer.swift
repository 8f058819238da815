import EventSchema
import Kafka
import Parquet

/// Events of one topic-partition whose played_at falls in one UTC hour, waiting to become a file.
///
/// The events are held as the file's columns (`ParquetEventEncoder.columns`), not as one
/// `ListeningEvent` per record: a struct with a heap `String` per text field took more than a
/// record's JSON size, while the budget counted JSON bytes, so it bounded less than was held
/// (issue #18). `bytes` is what the columns have allocated, so the budget bounds what is held.
struct PartitionBuffer: Sendable {
    struct Key: Hashable, Sendable {
        let partition: KafkaTopicPartition
        /// Start of the event hour, microseconds since the epoch.
        let hourStart: Int64
    }

    let key: Key
    let createdAt: ContinuousClock.Instant
    private(set) var lastAppendAt: ContinuousClock.Instant
    private(set) var columns = ParquetEventEncoder.columns()
    private(set) var count = 0
    private(set) var firstOffset: Int64 = -1
    private(set) var lastOffset: Int64 = -1
    /// Bytes the columns take in memory: what the budget and `maxBytes` count.
    private(set) var bytes = 0

    init(key: Key, createdAt: ContinuousClock.Instant) {
        self.key = key
        self.createdAt = createdAt
        self.lastAppendAt = createdAt
    }

    /// Appends one record; returns how many bytes the buffer grew by.
    @discardableResult
    mutating func append(_ event: ListeningEvent, offset: Int64, ingestedAtMicros: Int64, at now: ContinuousClock.Instant) -> Int {
        ParquetEventEncoder.append(event, partition: key.partition.partition, offset: offset,
                                   ingestedAtMicros: ingestedAtMicros, to: &columns)
        if count == 0 { firstOffset = offset }
        lastOffset = offset
        count += 1
        lastAppendAt = now
        let before = bytes
        bytes = columns.reduce(0) { $0 + $1.byteCount }
        return bytes - before
    }

    func isFull(_ policy: FlushPolicy) -> Bool {
        count >= policy.maxEvents || bytes >= policy.maxBytes
    }

    func isDue(_ policy: FlushPolicy, now: ContinuousClock.Instant) -> Bool {
        isFull(policy) || now - lastAppendAt >= policy.idle || now - createdAt >= policy.maxAge
    }
}
