import EventSchema
import Foundation
import Kafka
import Lake
import Logging
import Synchronization
import Testing
@testable import LakeWriter

/// The engine without a broker: commits follow durability, storage errors are retried, poison
/// records go to the DLQ and are committed past.
struct LakeWriterEngineTests {
    final class Recorder: Sendable {
        let commits = Mutex<[KafkaTopicPartitionOffset]>([])
        let dead = Mutex<[KafkaProducerMessage]>([])
    }

    /// Fails the first `failures` puts with a transient error, then stores in memory.
    final class FlakyStorage: LakeStorage {
        let remainingFailures: Mutex<Int>
        let objects = Mutex<[String: [UInt8]]>([:])
        init(failures: Int) { remainingFailures = Mutex(failures) }
        func put(key: String, bytes: [UInt8]) async throws {
            let fail = remainingFailures.withLock { count -> Bool in defer { count -= 1 }; return count > 0 }
            if fail { throw LakeError(.transient, operation: "put", key: key, reason: "HTTP 500") }
            objects.withLock { $0[key] = bytes }
        }
        func get(key: String) async throws -> [UInt8] {
            guard let bytes = objects.withLock({ $0[key] }) else { throw LakeError(.notFound, operation: "get", key: key, reason: "no such key") }
            return bytes
        }
        func delete(key: String) async throws { _ = objects.withLock { $0.removeValue(forKey: key) } }
        func list(prefix: String) async throws -> [LakeObject] {
            objects.withLock { objects in
                objects.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }
                    .map { LakeObject(key: $0.key, size: $0.value.count, fingerprint: "\($0.value.hashValue)", lastModified: Date()) }
            }
        }
        func checkReachable() async throws {}
    }

    func engine(_ storage: any LakeStorage, _ recorder: Recorder, maxEvents: Int, idle: Duration = .seconds(3600),
                maxAge: Duration = .seconds(3600), memoryBudget: Int = 1 << 30, time: ManualTime = ManualTime()) async -> LakeWriterEngine {
        let policy = FlushPolicy(maxEvents: maxEvents, maxBytes: 1 << 30, idle: idle, maxAge: maxAge, memoryBudgetBytes: memoryBudget)
        let engine = LakeWriterEngine(storage: storage, policy: policy, logger: Logger(label: "test"), now: { time.now })
        await engine.attach(.init(
            commit: { offsets in recorder.commits.withLock { $0 += offsets } },
            deadLetter: { message in recorder.dead.withLock { $0.append(message) } },
            highWatermark: { _ in nil }
        ))
        return engine
    }

    func message(_ offset: Int64, hour: Int64 = 0, value: [UInt8]? = nil) -> ConsumedRecord {
        let event = ListeningEvent(eventID: UUID(), userID: "u", eventType: .play, trackID: "t",
                                   playedAt: EventTimestamp(microsecondsSinceEpoch: 1_763_470_800_000_000 + hour * 3_600_000_000),
                                   trackName: "n", artistName: "a", durationMs: 1000)
        return ConsumedRecord(topic: "user_plays", partition: 2, offset: offset, key: nil, value: value ?? event.canonicalJSON())
    }

    @Test func commitsOnlyWhatIsDurableAcrossHours() async throws {
        let storage = FlakyStorage(failures: 2)
        let recorder = Recorder()
        let engine = await engine(storage, recorder, maxEvents: 3)
        // Offsets 0..2 in hour 0 (fills → flush, after two failed attempts); 3 in hour 1 stays buffered.
        await engine.handle(message(0))
        await engine.handle(message(1))
        await engine.handle(message(2, hour: 1))
        await engine.handle(message(3))
        await engine.handle(message(4))
        // Hour 0 holds 0, 1, 3, 4 → flushed at 3 events (0, 1, 3); hour 1 still holds offset 2.
        #expect(storage.objects.withLock { Array($0.keys) } == ["bronze/plays/year=2025/month=11/day=18/hour=13/part-user_plays-2-0-3.parquet"])
        #expect(recorder.commits.withLock { $0.last?.offset } == 2, "offset 2 is not durable yet")
        let files = await engine.flushAll()
        #expect(files.count == 2)
        #expect(recorder.commits.withLock { $0.last?.offset } == 5)
        let bytes = try await storage.get(key: "bronze/plays/year=2025/month=11/day=18/hour=13/part-user_plays-2-0-3.parquet")
        #expect(try ParquetReaderCheck.rows(bytes) == 3)
    }

    /// Compaction asks for settled partition-hours: not one still buffering, not one before its
    /// settle time, and not forgotten when another roll landed while it was being compacted.
    @Test func settledHoursForCompaction() async throws {
        let storage = FlakyStorage(failures: 0)
        let engine = await engine(storage, Recorder(), maxEvents: 2)
        let hour0: Int64 = 1_763_470_800_000_000, hourMicros: Int64 = 3_600_000_000
        await engine.handle(message(0))
        await engine.handle(message(1))                 // hour 0 full: written
        await engine.handle(message(2, hour: 1))        // hour 1: buffered
        let later = hour0 + 3 * hourMicros
        let settled = await engine.settledHours(nowMicroseconds: later, settle: .seconds(300))
        #expect(settled.map(\.key.hourStart) == [hour0], "hour 1 is still buffered")
        #expect(await engine.settledHours(nowMicroseconds: hour0 + hourMicros + 100_000_000, settle: .seconds(300)).isEmpty,
                "100 s after its end, hour 0 has not settled")
        await engine.handle(message(3))
        await engine.handle(message(4))                 // another roll of hour 0, during its compaction
        await engine.compacted(settled[0].key, seen: settled[0].seen)
        let again = await engine.settledHours(nowMicroseconds: later, settle: .seconds(300))
        #expect(again.map(\.key.hourStart) == [hour0], "the new roll keeps hour 0 due")
        await engine.compacted(again[0].key, seen: again[0].seen)
        #expect(await engine.settledHours(nowMicroseconds: later, settle: .seconds(300)).isEmpty)
    }

    func storedKeys(_ storage: FlakyStorage) -> [String] {
        storage.objects.withLock { $0.keys.map { String($0.split(separator: "/").last!) }.sorted() }
    }

    /// A partition-hour that keeps taking events is not cut by time; one that went quiet is.
    @Test func timeClosesOnlyQuietPartitionHours() async throws {
        let storage = FlakyStorage(failures: 0)
        let recorder = Recorder()
        let time = ManualTime()
        let engine = await engine(storage, recorder, maxEvents: 100, idle: .seconds(2), time: time)
        await engine.handle(message(0))
        await engine.handle(message(1, hour: 1))
        time.advance(by: .seconds(1))
        await engine.handle(message(2, hour: 1))
        time.advance(by: .milliseconds(1200))
        await engine.tick()
        #expect(storedKeys(storage) == ["part-user_plays-2-0-0.parquet"], "hour 0 went quiet 2.2 s ago; hour 1 took an event 1.2 s ago")
        #expect(recorder.commits.withLock { $0.last?.offset } == 1, "offset 1 (hour 1) is still buffered")
    }

    @Test func maxAgeCutsAPartitionHourThatNeverGoesQuiet() async throws {
        let storage = FlakyStorage(failures: 0)
        let recorder = Recorder()
        let time = ManualTime()
        let engine = await engine(storage, recorder, maxEvents: 100, maxAge: .seconds(1), time: time)
        await engine.handle(message(0))
        time.advance(by: .milliseconds(600))
        await engine.handle(message(1))
        time.advance(by: .milliseconds(600))
        await engine.tick()
        #expect(storedKeys(storage) == ["part-user_plays-2-0-1.parquet"])
        #expect(recorder.commits.withLock { $0.last?.offset } == 2)
    }

    /// Over the memory budget the largest buffers are written first (fewest, largest files).
    /// The budget counts what a buffer's columns have allocated, not the records' JSON size.
    @Test func memoryBudgetWritesTheLargestBuffers() async throws {
        /// What a buffer of these records holds, as the engine's buffers will.
        func buffered(_ offsets: Range<Int64>) throws -> Int {
            var probe = PartitionBuffer(key: .init(partition: KafkaTopicPartition(topic: "user_plays", partition: 2), hourStart: 0), createdAt: .now)
            var grown = 0
            for offset in offsets { grown += probe.append(try ListeningEvent.decode(message(offset).value), offset: offset, ingestedAtMicros: 0, at: .now) }
            #expect(probe.bytes == grown)
            return grown
        }
        let four = try buffered(0..<4), one = try buffered(0..<1)
        #expect(four > one && one > 0)
        let storage = FlakyStorage(failures: 0)
        let recorder = Recorder()
        let engine = await engine(storage, recorder, maxEvents: 100, memoryBudget: four + one + one / 2)
        for offset in Int64(0)..<4 { await engine.handle(message(offset)) }
        await engine.handle(message(4, hour: 1))
        #expect(storedKeys(storage).isEmpty, "5 records in two buffers fit the budget")
        await engine.handle(message(5, hour: 2))
        #expect(storedKeys(storage) == ["part-user_plays-2-0-3.parquet"], "hour 0 (4 records) is the largest buffer")
        #expect(recorder.commits.withLock { $0.last?.offset } == 4)
    }

    @Test func poisonGoesToTheDeadLetterTopicAndIsCommittedPast() async throws {
        let storage = FlakyStorage(failures: 0)
        let recorder = Recorder()
        let engine = await engine(storage, recorder, maxEvents: 100)
        await engine.handle(message(0, value: Array("{not json".utf8)))
        let dead = try #require(recorder.dead.withLock { $0.first })
        #expect(dead.topic == "events_dlq")
        #expect(dead.headers.first { $0.key == "source_service" }?.stringValue == "lake-writer")
        #expect(dead.headers.first { $0.key == "original_topic" }?.stringValue == "user_plays")
        #expect(dead.headers.contains { $0.key == "reason" })
        #expect(recorder.commits.withLock { $0.last?.offset } == 1)
    }

    /// Stores in memory after a pause, counting how many puts overlap.
    final class SlowStorage: LakeStorage {
        let inner = FlakyStorage(failures: 0)
        let running = Mutex((now: 0, most: 0))
        func put(key: String, bytes: [UInt8]) async throws {
            running.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            try await Task.sleep(for: .milliseconds(50))
            running.withLock { $0.now -= 1 }
            try await inner.put(key: key, bytes: bytes)
        }
        func get(key: String) async throws -> [UInt8] { try await inner.get(key: key) }
        func delete(key: String) async throws { try await inner.delete(key: key) }
        func list(prefix: String) async throws -> [LakeObject] { try await inner.list(prefix: prefix) }
        func checkReachable() async throws {}
    }

    /// A flush of many partition-hours writes several files at once (a backlog over days is
    /// thousands of small files, each waiting on storage), never more than the policy allows,
    /// and commits only once every file is stored.
    @Test func aFlushWritesSeveralFilesAtOnceAndCommitsAfterAll() async throws {
        let storage = SlowStorage()
        let recorder = Recorder()
        let engine = await engine(storage, recorder, maxEvents: 100)
        for offset in 0..<10 { await engine.handle(message(Int64(offset), hour: Int64(offset))) }
        #expect(storage.inner.objects.withLock { $0.isEmpty })
        let files = await engine.flushAll()
        #expect(files.count == 10)
        #expect(storage.inner.objects.withLock { $0.count } == 10)
        let most = storage.running.withLock { $0.most }
        #expect(most > 1, "files were written one at a time")
        #expect(most <= FlushPolicy(maxEvents: 1, maxBytes: 1, idle: .zero, maxAge: .zero, memoryBudgetBytes: 1).concurrentWrites)
        #expect(recorder.commits.withLock { $0.map(\.offset) } == [10], "one commit, past every file")
        #expect(files.map(\.key) == files.map(\.key).sorted(), "reported in the buffers' order")
    }
}
