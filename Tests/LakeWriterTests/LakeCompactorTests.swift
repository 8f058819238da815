import EventSchema
import Foundation
import Kafka
import Lake
import Logging
import Parquet
import Testing
@testable import LakeWriter

/// Compaction of a settled partition-hour's rolls, on a local lake in a temporary folder: one
/// file, each Kafka record once, the rolls gone, and a second pass after a crash between the
/// write and the deletes finishing the job.
struct LakeCompactorTests {
    static let hour: Int64 = 1_763_470_800_000_000   // 2025-11-18 13:00 UTC
    let partition = KafkaTopicPartition(topic: "user_plays", partition: 2)

    func lake() throws -> (LocalLakeStorage, String) {
        let root = NSTemporaryDirectory() + "lake-compactor-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return (LocalLakeStorage(root: root), root)
    }

    /// A roll of `offsets` (each with its own event id, derived from the offset so that copies
    /// of one Kafka record carry the same id, as a replay writes them).
    func roll(_ offsets: [Int64], to storage: LocalLakeStorage) async throws -> String {
        var buffer = PartitionBuffer(key: .init(partition: partition, hourStart: Self.hour), createdAt: .now)
        for offset in offsets {
            let id = UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", offset))!
            let event = ListeningEvent(eventID: id, userID: "u\(offset % 7)", eventType: .play, trackID: "t\(offset)",
                                       playedAt: EventTimestamp(microsecondsSinceEpoch: Self.hour + offset * 1_000_000),
                                       trackName: "n", artistName: "a", durationMs: 1000)
            buffer.append(event, offset: offset, ingestedAtMicros: Self.hour, at: .now)
        }
        let key = BronzeFileKey(topic: partition.topic, partition: partition.partition, firstOffset: buffer.firstOffset,
                                lastOffset: buffer.lastOffset, eventTimeMicroseconds: Self.hour)!.key
        try await storage.put(key: key, bytes: try ParquetEventEncoder.encode(buffer))
        return key
    }

    func files(_ storage: LocalLakeStorage) async throws -> [String] {
        try await storage.list(prefix: "bronze/").map { String($0.key.split(separator: "/").last!) }
    }

    func offsets(_ storage: LocalLakeStorage, _ key: String) async throws -> [Int64] {
        let reader = try ParquetReader(bytes: try await storage.get(key: key))
        return try reader.readColumn(named: "_kafka_offset").int64s().map { $0! }
    }

    var group: LakeCompactor.Group { .init(topic: partition.topic, partition: partition.partition, hourStart: Self.hour) }

    @Test("three rolls, one of them a replay overlapping another: one file, each offset once, the rolls deleted")
    func compactsRollsIntoOneFile() async throws {
        let (storage, _) = try lake()
        _ = try await roll([0, 1, 2, 3], to: storage)
        _ = try await roll([2, 3, 4, 5], to: storage)      // written again after a crash, with a later cut
        _ = try await roll([7, 9], to: storage)            // 6 and 8 went to another hour
        let compactor = LakeCompactor(storage: storage, logger: Logger(label: "test"))
        let outcome = try #require(try await compactor.compact(group))
        #expect(outcome.inputs == 3)
        #expect(outcome.rows == 8)
        #expect(outcome.duplicatesDropped == 2)
        #expect(try await files(storage) == ["part-user_plays-2-0-9.parquet"])
        #expect(try await offsets(storage, outcome.key) == [0, 1, 2, 3, 4, 5, 7, 9])
        let reader = try ParquetReader(bytes: try await storage.get(key: outcome.key))
        #expect(reader.schema.columns.map(\.name) == BronzeParquetSchema.schema.columns.map(\.name))
        #expect(try reader.readColumn(named: "track_id").strings() == [0, 1, 2, 3, 4, 5, 7, 9].map { "t\($0)" })
        // Nothing left to do: a second pass finds one file.
        #expect(try await compactor.compact(group) == nil)
    }

    @Test("a crash after the compacted file was stored and before the rolls were deleted: the next pass finishes")
    func secondPassAfterACrashFinishes() async throws {
        let (storage, _) = try lake()
        let first = try await roll([0, 1, 2], to: storage)
        let second = try await roll([3, 4], to: storage)
        // What the first pass stored before the crash: the compacted file, next to both rolls.
        let merged = try LakeCompactor.merge([try await storage.get(key: first), try await storage.get(key: second)], names: [first, second])
        let compactedKey = BronzeFileKey(topic: "user_plays", partition: 2, firstOffset: 0, lastOffset: 4, eventTimeMicroseconds: Self.hour)!.key
        try await storage.put(key: compactedKey, bytes: merged.bytes)
        #expect(try await files(storage).count == 3, "a reader sees every record twice meanwhile")

        let outcome = try #require(try await LakeCompactor(storage: storage, logger: Logger(label: "test")).compact(group))
        #expect(outcome.key == compactedKey, "the same records give the same name")
        #expect(outcome.duplicatesDropped == 5)
        #expect(try await files(storage) == ["part-user_plays-2-0-4.parquet"])
        #expect(try await offsets(storage, compactedKey) == [0, 1, 2, 3, 4])
    }

    @Test("a file without the bronze columns is refused, and nothing is deleted")
    func foreignFileIsNotCompacted() async throws {
        let (storage, _) = try lake()
        _ = try await roll([0, 1], to: storage)
        let sink = ParquetMemorySink(capacity: 1024)
        let writer = try ParquetWriter(schema: try ParquetSchema([ParquetColumn(name: "x", type: .int64, nullable: false)]), sink: sink)
        try writer.write(row: [.int64(1)])
        try writer.close()
        try await storage.put(key: BronzeFileKey(topic: "user_plays", partition: 2, firstOffset: 5, lastOffset: 6, eventTimeMicroseconds: Self.hour)!.key,
                              bytes: sink.bytes)
        await #expect(throws: ParquetError.self) { try await LakeCompactor(storage: storage, logger: Logger(label: "test")).compact(group) }
        #expect(try await files(storage).count == 2)
    }

    @Test("the start-up scan finds the partition-hours with more than one file")
    func groupsWithSeveralFiles() {
        let keys = [
            "bronze/plays/year=2025/month=11/day=18/hour=13/part-user_plays-2-0-3.parquet",
            "bronze/plays/year=2025/month=11/day=18/hour=13/part-user_plays-2-4-9.parquet",
            "bronze/plays/year=2025/month=11/day=18/hour=13/part-user_plays-1-0-9.parquet",
            "bronze/plays/year=2025/month=11/day=18/hour=14/part-user_plays-2-10-12.parquet",
            "bronze/plays/year=2025/month=11/day=18/hour=13/.tmp-x-part-user_plays-2-0-3.parquet",
        ]
        #expect(LakeCompactor.groupsToCompact(keys) == [.init(topic: "user_plays", partition: 2, hourStart: Self.hour)])
    }

    @Test("hour starts round-trip through the civil calendar")
    func hourStartsRoundTrip() {
        for micros in [Self.hour, 0, 951_782_400_000_000 /* 2000-02-29 */, 4_107_542_400_000_000 /* 2100-03-01 */] {
            let civil = BronzeLayout.civilHour(ofMicroseconds: micros)
            #expect(BronzeLayout.hourStart(year: civil.year, month: civil.month, day: civil.day, hour: civil.hour) == BronzeLayout.hourStart(ofMicroseconds: micros))
        }
    }
}
