import EventSchema
import Foundation
import Kafka
import Lake
import Logging
import Retry
import ServiceRuntime

/// The consume → buffer → Parquet → lake → commit state machine.
///
/// Offsets are committed only up to the first record not yet durable: a partition's commit
/// point is the smallest first offset among its buffers still in memory or being written,
/// else one past the last record taken in. Flushes run one at a time (each writes up to
/// `FlushPolicy.concurrentWrites` files at once), so a lake outage stops the consume loop (it
/// waits in `handle`) instead of growing memory.
actor LakeWriterEngine {
    /// The Kafka side, as closures so tests can drive the engine without a broker.
    struct KafkaSide: Sendable {
        var commit: @Sendable ([KafkaTopicPartitionOffset]) async throws -> Void
        var deadLetter: @Sendable (KafkaProducerMessage) async throws -> Void
        var highWatermark: @Sendable (KafkaTopicPartition) -> Int64?
    }

    private let storage: any LakeStorage
    private let policy: FlushPolicy
    /// Attached once the consumer exists (after the topics do); before that nothing was consumed.
    private var kafka = KafkaSide(commit: { _ in }, deadLetter: { _ in }, highWatermark: { _ in nil })
    private let metrics = LakeWriterMetrics()
    private let logger: Logger
    private let clock = ContinuousClock()
    /// When records arrive and ticks happen, for the idle and age rules; tests drive it by hand
    /// so that those rules are checked without sleeping.
    private let currentTime: @Sendable () -> ContinuousClock.Instant

    private var buffers: [PartitionBuffer.Key: PartitionBuffer] = [:]
    /// Sum of `bytes` (what the buffered columns take in memory) over `buffers`, checked against
    /// the memory budget on every record.
    private var bufferedBytes = 0
    private var progress: [KafkaTopicPartition: PartitionProgress] = [:]
    /// Partition-hours holding files that may need compacting (`LakeCompactor`), each with a count
    /// of the files noted for it, so that a roll written while a compaction runs is not forgotten.
    private var uncompacted: [PartitionBuffer.Key: Int] = [:]
    private var flushing = false
    private var flushWaiters: [CheckedContinuation<Void, Never>] = []
    private var storageError: String?
    /// Set at shutdown: new records are ignored (they stay uncommitted) and retries get a deadline.
    private var stopDeadline: ContinuousClock.Instant?

    init(storage: any LakeStorage, policy: FlushPolicy, logger: Logger,
         now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.storage = storage
        self.policy = policy
        self.logger = logger
        currentTime = now
    }

    func attach(_ kafka: KafkaSide) {
        self.kafka = kafka
    }

    // MARK: input

    /// Records in order, as `handle(_:)` one at a time.
    func handle(_ records: [ConsumedRecord]) async {
        for record in records { await handle(record) }
    }

    func handle(_ message: ConsumedRecord) async {
        guard stopDeadline == nil else { return }
        let partition = KafkaTopicPartition(topic: message.topic, partition: message.partition)
        let event: ListeningEvent
        do {
            event = try ListeningEvent.decode(message.value)
        } catch {
            // Not dead-lettered (shutdown came first): leave it uncommitted, to be read again.
            guard await deadLetter(message, reason: "\(error.reason.rawValue): \(error.message)") else { return }
            progress[partition, default: PartitionProgress()].nextOffset = message.offset + 1
            await commit([partition])
            return
        }
        let hour = BronzeLayout.hourStart(ofMicroseconds: event.playedAt.microsecondsSinceEpoch)
        let key = PartitionBuffer.Key(partition: partition, hourStart: hour)
        let now = currentTime()
        var buffer = buffers.removeValue(forKey: key) ?? PartitionBuffer(key: key, createdAt: now)
        let grown = buffer.append(event, offset: message.offset, ingestedAtMicros: EventTimestamp(Date()).microsecondsSinceEpoch, at: now)
        let full = buffer.isFull(policy)
        buffers[key] = buffer
        bufferedBytes += grown
        progress[partition, default: PartitionProgress()].nextOffset = message.offset + 1
        if full {
            _ = await flush { $0 == key }
        } else if bufferedBytes > policy.memoryBudgetBytes {
            let largest = Set(largestBuffers(freeing: policy.memoryBudgetBytes / 4))
            _ = await flush { largest.contains($0) }
        }
    }

    /// The biggest buffers whose bytes add up to `target`: writing them frees memory with the
    /// fewest (and largest) files.
    private func largestBuffers(freeing target: Int) -> [PartitionBuffer.Key] {
        var freed = 0
        var keys: [PartitionBuffer.Key] = []
        for buffer in buffers.values.sorted(by: { $0.bytes > $1.bytes }) where freed < target {
            keys.append(buffer.key)
            freed += buffer.bytes
        }
        return keys
    }

    func assigned(_ partitions: [KafkaTopicPartition], committed: [KafkaTopicPartitionOffset]) {
        for partition in partitions where progress[partition] == nil { progress[partition] = PartitionProgress() }
        for entry in committed { progress[entry.topicPartition]?.committed = entry.offset }
    }

    /// Flushes and commits the partitions being taken away, then forgets them.
    func revoke(_ partitions: [KafkaTopicPartition]) async {
        let revoked = Set(partitions)
        _ = await flush { revoked.contains($0.partition) }
        for partition in partitions { progress[partition] = nil }
        buffers = buffers.filter { !revoked.contains($0.key.partition) }
        bufferedBytes = buffers.values.reduce(0) { $0 + $1.bytes }
    }

    /// Time-based flushes (idle or old partition-hours); called every 250 ms.
    func tick() async {
        let now = currentTime()
        let due = Set(buffers.values.filter { $0.isDue(policy, now: now) }.map(\.key))
        if !due.isEmpty { _ = await flush { due.contains($0) } }
        for (partition, state) in progress {
            let buffered = buffers.values.filter { $0.key.partition == partition }.reduce(0) { $0 + $1.count }
            metrics.partition(topic: partition.topic, partition: partition.partition, lag: lag(partition, state), buffered: buffered)
        }
    }

    func flushAll() async -> [WrittenFile] {
        await flush { _ in true }
    }

    /// Stop taking records; writes still failing after `grace` are abandoned (and not committed).
    func stop(grace: Duration) {
        stopDeadline = clock.now + grace
    }

    // MARK: compaction

    /// Partition-hours found in the lake with several files (at start, and on each rescan).
    func noteUncompacted(_ keys: [PartitionBuffer.Key]) {
        for key in keys { uncompacted[key, default: 0] += 1 }
    }

    /// The partition-hours to compact now, with the count to hand back to `compacted`: settled
    /// (the hour ended `settle` ago), of a partition this instance holds, and not being buffered.
    func settledHours(nowMicroseconds: Int64, settle: Duration) -> [(key: PartitionBuffer.Key, seen: Int)] {
        let settleMicros = settle.components.seconds * 1_000_000 + settle.components.attoseconds / 1_000_000_000_000
        return uncompacted
            .filter { key, _ in
                key.hourStart + 3_600_000_000 + settleMicros <= nowMicroseconds && progress[key.partition] != nil && buffers[key] == nil
            }
            .map { (key: $0.key, seen: $0.value) }
            .sorted { ($0.key.hourStart, $0.key.partition.topic, $0.key.partition.partition) < ($1.key.hourStart, $1.key.partition.topic, $1.key.partition.partition) }
    }

    /// Done with `key` unless another file landed in it since `settledHours` reported `seen`.
    func compacted(_ key: PartitionBuffer.Key, seen: Int) {
        if uncompacted[key] == seen { uncompacted[key] = nil }
    }

    // MARK: reporting

    func status() -> LakeWriterStatus {
        let partitions = progress.map { partition, state in
            LakeWriterStatus.Partition(
                topic: partition.topic, partition: partition.partition, committedOffset: state.committed,
                highWatermark: kafka.highWatermark(partition), lag: lag(partition, state),
                bufferedEvents: buffers.values.filter { $0.key.partition == partition }.reduce(0) { $0 + $1.count },
                lastFiles: state.lastFiles
            )
        }.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
        return LakeWriterStatus(partitions: partitions, storageError: storageError)
    }

    /// Why the lake is failing right now, for `/ready`.
    func currentStorageError() -> String? { storageError }

    private func lag(_ partition: KafkaTopicPartition, _ state: PartitionProgress) -> Int64? {
        guard let high = kafka.highWatermark(partition) else { return nil }
        return max(0, high - (state.committed ?? 0))
    }

    // MARK: flushing

    private func flush(where select: (PartitionBuffer.Key) -> Bool) async -> [WrittenFile] {
        await acquireFlush()
        defer { releaseFlush() }
        let started = clock.now
        let taken = buffers.keys.filter(select).compactMap { buffers.removeValue(forKey: $0) }.filter { $0.count > 0 }
        guard !taken.isEmpty else { return [] }
        bufferedBytes -= taken.reduce(0) { $0 + $1.bytes }
        for buffer in taken { progress[buffer.key.partition]?.inFlight.append(buffer.firstOffset) }
        let ordered = taken.sorted { ($0.key.partition.topic, $0.key.partition.partition, $0.firstOffset) < ($1.key.partition.topic, $1.key.partition.partition, $1.firstOffset) }
        var written: [WrittenFile] = []
        var touched = Set<KafkaTopicPartition>()
        for (buffer, file) in zip(ordered, await writeAll(ordered)) {
            let partition = buffer.key.partition
            touched.insert(partition)
            if let file {
                written.append(file)
                progress[partition]?.recordFile(file.key)
                uncompacted[buffer.key, default: 0] += 1
            }
            // Written or abandoned at shutdown: either way it no longer holds the commit point
            // back in memory; an abandoned buffer keeps it back by never being committed past.
            if var state = progress[partition], let index = state.inFlight.firstIndex(of: buffer.firstOffset) {
                state.inFlight.remove(at: index)
                progress[partition] = state
            }
        }
        if written.count == taken.count {
            await commit(Array(touched))
        } else {
            logger.warning("flush abandoned at shutdown; those records stay uncommitted and will be read again", metadata: ["files": "\(taken.count - written.count)"])
        }
        metrics.flushed(seconds: (clock.now - started).seconds)
        return written
    }

    /// Writes the buffers, `policy.concurrentWrites` at a time; results in the buffers' order.
    /// Nothing is committed until all are durable, so the order they finish in does not matter.
    private func writeAll(_ buffers: [PartitionBuffer]) async -> [WrittenFile?] {
        var results = [WrittenFile?](repeating: nil, count: buffers.count)
        await withTaskGroup(of: (Int, WrittenFile?).self) { group in
            var next = 0
            func startNext() {
                guard next < buffers.count else { return }
                let index = next, buffer = buffers[index]
                group.addTask { (index, await self.write(buffer)) }
                next += 1
            }
            for _ in 0..<max(1, policy.concurrentWrites) { startNext() }
            while let (index, file) = await group.next() {
                results[index] = file
                startNext()
            }
        }
        return results
    }

    /// Encodes and stores one buffer, retrying storage errors with backoff until it is durable
    /// (or, after `stop`, until the grace period ends: then nil).
    private func write(_ buffer: PartitionBuffer) async -> WrittenFile? {
        guard let name = BronzeFileKey(topic: buffer.key.partition.topic, partition: buffer.key.partition.partition,
                                       firstOffset: buffer.firstOffset, lastOffset: buffer.lastOffset,
                                       eventTimeMicroseconds: buffer.key.hourStart) else { return nil }
        let started = clock.now
        let bytes: [UInt8]
        do {
            bytes = try await Self.encode(buffer)
        } catch {
            // Only a bug can get here (the schema and the columns are built together).
            logger.critical("cannot encode Parquet", metadata: ["file": "\(name)", "error": "\(error)"])
            return nil
        }
        let written: Void? = await retryUntilSuccess(Self.retryBackoff, onFailure: { error, pause in
            storageError = "\(error)"
            metrics.storageFailing(true)
            metrics.storageRetry()
            logger.warning("lake write failed; retrying", metadata: ["file": "\(name)", "error": "\(error)", "retry_in": "\(pause)"])
            return !pastStopDeadline(after: pause)
        }) {
            try await storage.put(key: name.key, bytes: bytes)
        }
        guard written != nil else { return nil }
        if storageError != nil { logger.info("lake writable again", metadata: ["file": "\(name)"]) }
        storageError = nil
        metrics.storageFailing(false)
        metrics.fileWritten(topic: name.topic, bytes: bytes.count, events: buffer.count, seconds: (clock.now - started).seconds)
        logger.debug("file written", metadata: ["file": "\(name)", "events": "\(buffer.count)", "bytes": "\(bytes.count)"])
        return WrittenFile(key: name.key, events: buffer.count, bytes: bytes.count)
    }

    /// Parquet encoding is CPU work: on its own thread, so `/status`, `/ready` and `/metrics` answer
    /// even when the service has a single cooperative thread (one CPU).
    private nonisolated static func encode(_ buffer: PartitionBuffer) async throws -> [UInt8] {
        try await BlockingWork.run { try ParquetEventEncoder.encode(buffer) }
    }

    private func commit(_ partitions: [KafkaTopicPartition]) async {
        var offsets: [KafkaTopicPartitionOffset] = []
        for partition in partitions {
            guard let state = progress[partition], let next = state.nextOffset else { continue }
            let buffered = buffers.values.lazy.filter { $0.key.partition == partition }.map(\.firstOffset).min()
            let point = [next, buffered, state.inFlight.min()].compactMap { $0 }.min()!
            if let committed = state.committed, point <= committed { continue }
            offsets.append(KafkaTopicPartitionOffset(topic: partition.topic, partition: partition.partition, offset: point))
        }
        guard !offsets.isEmpty else { return }
        do {
            try await kafka.commit(offsets)
            for offset in offsets { progress[offset.topicPartition]?.committed = offset.offset }
        } catch {
            // Harmless: the next commit covers these offsets; a crash before it replays them.
            logger.warning("offset commit failed", metadata: ["error": "\(error)"])
        }
    }

    private func deadLetter(_ message: ConsumedRecord, reason: String) async -> Bool {
        let letter = DeadLetter(originalBytes: message.value, reason: reason, sourceService: "lake-writer", originalTopic: message.topic)
        let record = KafkaProducerMessage(
            topic: EventTopics.deadLetter, key: message.key, value: message.value,
            headers: letter.headers.map { KafkaHeader(key: $0.name, string: $0.value) }
        )
        let sent: Void? = await retryUntilSuccess(Self.retryBackoff, onFailure: { error, pause in
            logger.warning("events_dlq write failed; retrying", metadata: ["error": "\(error)"])
            return !pastStopDeadline(after: pause)
        }) {
            try await kafka.deadLetter(record)
        }
        guard sent != nil else { return false }
        metrics.deadLettered(topic: message.topic)
        logger.info("poison record sent to events_dlq", metadata: ["topic": "\(message.topic)", "partition": "\(message.partition)", "offset": "\(message.offset)", "reason": "\(reason)"])
        return true
    }

    /// Lake and dead-letter writes are retried until they work (nothing is dropped), 0.2 s doubling
    /// up to 10 s; only a stop gives up, once a retry would end after its deadline.
    static let retryBackoff = Backoff(initial: .milliseconds(200), maximum: .seconds(10))

    private func pastStopDeadline(after pause: Duration) -> Bool {
        guard let stopDeadline else { return false }
        return clock.now + pause > stopDeadline
    }

    private func acquireFlush() async {
        while flushing { await withCheckedContinuation { flushWaiters.append($0) } }
        flushing = true
    }

    private func releaseFlush() {
        flushing = false
        if !flushWaiters.isEmpty { flushWaiters.removeFirst().resume() }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
