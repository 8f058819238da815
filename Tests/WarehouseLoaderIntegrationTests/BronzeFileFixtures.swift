import Foundation
import Lake
import Parquet

/// Lake-writer-shaped bronze files (SPEC "Lake layout"), written with the shared Parquet writer.
enum BronzeFileFixtures {
    static let schema = BronzeParquetSchema.schema

    /// Microseconds of 2025-11-18T14:00:00Z, the hour the fixtures' events fall in.
    static let baseMicros: Int64 = 1_763_474_400_000_000

    /// The key lake-writer would give `rows` events of `topic` starting at `firstOffset`.
    static func key(dataset: String, topic: String, partition: Int = 0, firstOffset: Int, rows: Int) -> String {
        "bronze/\(dataset)/year=2025/month=11/day=18/hour=14/part-\(topic)-\(partition)-\(firstOffset)-\(firstOffset + rows - 1).parquet"
    }

    /// A file of `rows` events; values are a function of the Kafka offset, so tests can predict them.
    /// Every 5th row leaves the optional fields null; text includes tabs, newlines, quotes and backslashes.
    /// `brokerGeneration` > 0 gives other event ids at the same coordinates: the records a broker
    /// whose offsets started again hands out.
    static func file(rows: Int, eventType: String = "play", partition: Int32 = 0, firstOffset: Int = 0,
                     brokerGeneration: Int = 0) throws -> [UInt8] {
        let offsets = (0..<rows).map { Int64(firstOffset + $0) }
        func optional<T>(_ value: (Int64) -> T) -> [T?] { offsets.map { $0 % 5 == 4 ? nil : value($0) } }
        let columns: [ParquetColumnData] = [
            .strings(offsets.map { eventID(partition: partition, offset: $0, brokerGeneration: brokerGeneration) }),
            .strings(offsets.map { "user_\($0 % 97)" }),
            .strings(Array(repeating: eventType, count: rows)),
            .strings(offsets.map { "track\($0 % 1013)" }),
            .strings(optional { "Song \($0)\t\"quoted\" \\ back\nslash ünïcode" }),
            .strings(optional { "Artist \($0 % 31)" }),
            .strings(optional { "Album \($0 % 53)" }),
            .int64s(optional { 90_000 + $0 }),
            .timestamps(offsets.map { baseMicros + $0 * 1_000_001 }),
            .strings(optional { _ in "desktop" }),
            .int64s(optional { $0 * 7 }),
            .int64s(optional { $0 * 3 }),
            .strings(optional { _ in "playlist" }),
            .strings(optional { "artist\($0 % 31)" }),
            .strings(optional { "album\($0 % 53)" }),
            .strings(optional { "https://i.scdn.co/image/\($0)" }),
            .strings(optional { _ in "simulator" }),
            .int64s(offsets.map { _ in 1 }),
            .int32s(offsets.map { _ in partition }),
            .int64s(offsets.map { $0 }),
            .timestamps(offsets.map { baseMicros + $0 * 1_000_001 + 2_500_000 }),
        ]
        let sink = ParquetMemorySink()
        var options = ParquetWriterOptions()
        options.rowGroupMaxRows = 50_000
        let writer = try ParquetWriter(schema: schema, sink: sink, options: options)
        try writer.write(columns: columns)
        _ = try writer.close()
        return sink.bytes
    }

    static func eventID(partition: Int32, offset: Int64, brokerGeneration: Int = 0) -> String {
        String(format: "%08x-0000-4000-8%03x-%012llx", brokerGeneration, Int(partition), offset)
    }

    /// Writes a file into the lake and returns its key.
    @discardableResult
    static func put(
        _ lake: LocalLakeStorage, dataset: String = "plays", topic: String = "user_plays", eventType: String = "play",
        partition: Int32 = 0, firstOffset: Int = 0, rows: Int
    ) async throws -> String {
        let key = key(dataset: dataset, topic: topic, partition: Int(partition), firstOffset: firstOffset, rows: rows)
        try await lake.put(key: key, bytes: try file(rows: rows, eventType: eventType, partition: partition, firstOffset: firstOffset))
        return key
    }
}
