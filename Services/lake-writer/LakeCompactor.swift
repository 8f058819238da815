import Foundation
import Lake
import Logging
import Parquet
import ServiceRuntime

/// Rewrites the files of one settled partition-hour into one file.
///
/// lake-writer writes an open hour in short rolls (`FlushPolicy.maxAge`) so that events reach
/// bronze within a minute, which leaves dozens of small files per topic-partition-hour. Once the
/// hour has settled, its files of one topic-partition are rewritten into one file, named after
/// the smallest and largest offset it holds, and then deleted (the Confluent S3 sink's scheduled
/// rotation plus a compaction job; Iceberg and Delta writers do the same with small commits).
///
/// Safe against a crash at any point:
/// - the new file is stored (atomically, like every lake write) before any roll is deleted, so
///   a crash leaves the rolls alone, or the new file and some rolls: a reader then sees records
///   twice (at least once, as after any replay), and the next pass, finding two files, compacts
///   again into the same name;
/// - each Kafka record (`_kafka_partition`, `_kafka_offset`) is kept once, so copies that a
///   replay after a crash wrote into two rolls become one;
/// - bronze holds each Kafka record once whatever files it is loaded from (warehouse-loader
///   skips rows whose coordinates it already holds), so loading the compacted file adds nothing.
struct LakeCompactor: Sendable {
    let storage: any LakeStorage
    let logger: Logger

    struct Outcome: Sendable, Equatable {
        let key: String
        let inputs: Int
        let rows: Int
        /// Rows dropped because an earlier file already held their Kafka record.
        let duplicatesDropped: Int
    }

    /// One topic-partition's hour of files.
    struct Group: Sendable, Hashable {
        let topic: String
        let partition: Int32
        let hourStart: Int64
    }

    /// The groups with more than one file in `keys` (a lake listing), for the first pass after a
    /// start: rolls left by an earlier run are compacted too.
    static func groupsToCompact(_ keys: [String]) -> [Group] {
        var counts: [Group: Int] = [:]
        for key in keys {
            guard let file = BronzeFileKey(key: key) else { continue }
            counts[Group(topic: file.topic, partition: file.partition, hourStart: file.hourStartMicroseconds), default: 0] += 1
        }
        return counts.filter { $0.value > 1 }.map(\.key).sorted { ($0.hourStart, $0.topic, $0.partition) < ($1.hourStart, $1.topic, $1.partition) }
    }

    /// Compacts the group's files; nil when there is nothing to do (fewer than two files, or a
    /// file vanished meanwhile: another instance is compacting the same hour).
    func compact(_ group: Group) async throws -> Outcome? {
        guard let prefix = BronzeFileKey.prefix(topic: group.topic, partition: group.partition, eventTimeMicroseconds: group.hourStart) else { return nil }
        let files = try await storage.list(prefix: prefix)
            .compactMap { BronzeFileKey(key: $0.key) }
            .filter { $0.topic == group.topic && $0.partition == group.partition }
            .sorted { ($0.firstOffset, $0.lastOffset) < ($1.firstOffset, $1.lastOffset) }
        guard files.count > 1 else { return nil }
        var inputs: [[UInt8]] = []
        for file in files {
            do {
                inputs.append(try await storage.get(key: file.key))
            } catch let error as LakeError where error.kind == .notFound {
                logger.info("a file to compact is gone; another pass or instance compacted it", metadata: ["file": "\(file.key)"])
                return nil
            }
        }
        let names = files.map(\.key), read = inputs
        let merged = try await BlockingWork.run { try Self.merge(read, names: names) }
        guard let output = BronzeFileKey(topic: group.topic, partition: group.partition, firstOffset: merged.firstOffset,
                                         lastOffset: merged.lastOffset, eventTimeMicroseconds: group.hourStart) else { return nil }
        try await storage.put(key: output.key, bytes: merged.bytes)
        for file in files where file.key != output.key {
            try await storage.delete(key: file.key)
        }
        return Outcome(key: output.key, inputs: files.count, rows: merged.rows, duplicatesDropped: merged.duplicates)
    }

    struct Merged: Sendable {
        let bytes: [UInt8]
        let rows: Int
        let duplicates: Int
        let firstOffset: Int64
        let lastOffset: Int64
    }

    /// The files' rows, each Kafka offset once (the first file holding it wins), as one Parquet
    /// file with the bronze schema. Files are read one at a time: memory holds one decoded roll
    /// plus the writer's current row group.
    static func merge(_ inputs: [[UInt8]], names: [String]) throws -> Merged {
        let schema = BronzeParquetSchema.schema
        let columnNames = schema.columns.map(\.name)
        guard let offsetColumn = columnNames.firstIndex(of: "_kafka_offset") else {
            throw ParquetError(.invalidArgument, "the bronze schema has no _kafka_offset column")
        }
        var options = ParquetWriterOptions()
        options.keyValueMetadata["lake_writer.compacted_files"] = String(inputs.count)
        let sink = ParquetMemorySink(capacity: inputs.reduce(0) { $0 + $1.count })
        let writer = try ParquetWriter(schema: schema, sink: sink, options: options)
        var seen = Set<Int64>()
        var rows = 0, duplicates = 0
        var first = Int64.max, last = Int64.min
        for (bytes, name) in zip(inputs, names) {
            let reader = try ParquetReader(bytes: bytes)
            guard reader.schema.columns.map(\.name) == columnNames else {
                throw ParquetError(.invalidArgument, "\(name) does not have the bronze columns: not compacted")
            }
            let columns = try reader.readColumns(columnNames)
            guard case .int64(let offsets) = columns[offsetColumn].storage else {
                throw ParquetError(.invalidArgument, "\(name): _kafka_offset is not int64")
            }
            var keep: [Int] = []
            keep.reserveCapacity(offsets.count)
            for (row, offset) in offsets.enumerated() {
                if seen.insert(offset).inserted {
                    keep.append(row)
                    first = min(first, offset)
                    last = max(last, offset)
                } else {
                    duplicates += 1
                }
            }
            guard !keep.isEmpty else { continue }
            try writer.write(columns: keep.count == offsets.count ? columns : columns.map { $0.selecting(keep) })
            rows += keep.count
        }
        guard rows > 0 else { throw ParquetError(.invalidArgument, "nothing to compact in \(names.count) empty files") }
        try writer.close()
        return Merged(bytes: sink.bytes, rows: rows, duplicates: duplicates, firstOffset: first, lastOffset: last)
    }
}
