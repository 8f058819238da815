import Foundation
import Parquet
import Testing
import TestSupport

@testable import WarehouseLoader

@Suite("files from other writers, and bad files", .integration)
struct SchemaToleranceTests {
    @Test("pyarrow files load: int32 ints, ms/ns timestamps, large_string, missing optional and extra columns")
    func pyarrowFile() async throws {
        let context = try LoaderTestContext()
        defer { Task { await context.tearDown() } }
        let key = "bronze/skips/year=2025/month=11/day=18/hour=14/part-from-pyarrow.parquet"
        let path = context.lakeRoot + "/" + key
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let script = """
            import sys, datetime as dt, pyarrow as pa, pyarrow.parquet as pq
            n = 1000
            base = dt.datetime(2025, 11, 18, 14, tzinfo=dt.timezone.utc)
            table = pa.table({
                "event_id": pa.array([f"e-{i}" for i in range(n)], pa.large_string()),
                "user_id": pa.array([f"user_{i % 7}" for i in range(n)], pa.large_string()),
                "event_type": pa.array(["skip"] * n),
                "track_id": pa.array([f"t{i}" for i in range(n)]),
                "duration_ms": pa.array([None if i % 10 == 0 else 1000 + i for i in range(n)], pa.int32()),
                "position_ms": pa.array([i for i in range(n)], pa.int32()),
                "played_at": pa.array([base + dt.timedelta(milliseconds=i) for i in range(n)], pa.timestamp("ms", tz="UTC")),
                "_ingested_at": pa.array([base + dt.timedelta(microseconds=i) for i in range(n)], pa.timestamp("ns", tz="UTC")),
                "_kafka_partition": pa.array([3] * n, pa.int64()),
                "_kafka_offset": pa.array(range(n), pa.int64()),
                "some_future_field": pa.array([1.5] * n),
            })
            pq.write_table(table, sys.argv[1], row_group_size=300)
            """
        let result = try Subprocess.run(try TestEnvironment.python(), ["-c", script, path])
        #expect(result.status == 0, "\(result.stderr)")

        let report = try await context.loader.loadNew()
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.filesLoaded.map(\.key) == [key])
        #expect(try await context.count("skips") == 1000)
        let s = context.schema
        let mismatches: Int = try await context.scalar("""
            SELECT count(*) FROM \(identifier: s).skips WHERE
                event_id <> 'e-' || _kafka_offset OR user_id <> 'user_' || (_kafka_offset % 7)
                OR (duration_ms IS NULL) <> (_kafka_offset % 10 = 0) OR duration_ms <> 1000 + _kafka_offset
                OR position_ms <> _kafka_offset OR _kafka_partition <> 3
                OR played_at <> '2025-11-18T14:00:00Z'::timestamptz + _kafka_offset * interval '1 millisecond'
                OR _ingested_at <> '2025-11-18T14:00:00Z'::timestamptz + _kafka_offset * interval '1 microsecond'
                OR album_name IS NOT NULL OR schema_version IS NOT NULL OR track_name IS NOT NULL
            """)
        #expect(mismatches == 0)
    }

    @Test("truncated, corrupt and wrong-schema files are quarantined with a clear error; the rest load")
    func badFilesQuarantined() async throws {
        let context = try LoaderTestContext()
        defer { Task { await context.tearDown() } }
        let good = try await BronzeFileFixtures.put(context.lake, rows: 500)
        // Other Kafka records than `good`'s (bronze keeps each record once, whatever file holds it).
        let valid = try BronzeFileFixtures.file(rows: 300, firstOffset: 500)
        let folder = "bronze/plays/year=2025/month=11/day=18/hour=15/"
        try await context.lake.put(key: folder + "truncated.parquet", bytes: Array(valid.prefix(valid.count / 2)))
        var corrupt = valid
        for i in stride(from: 8, to: corrupt.count - 200, by: 7) { corrupt[i] ^= 0x5A }
        try await context.lake.put(key: folder + "corrupt.parquet", bytes: corrupt)
        try await context.lake.put(key: folder + "wrong-type.parquet", bytes: try Self.file(replacing: "duration_ms", with: .string))
        try await context.lake.put(key: folder + "no-event-id.parquet", bytes: try Self.file(dropping: "event_id"))

        let report = try await context.loader.loadNew()
        #expect(report.filesLoaded.map(\.key) == [good])
        #expect(try await context.count("plays") == 500)
        let errors = Dictionary(uniqueKeysWithValues: report.failures.map { ($0.key.replacingOccurrences(of: folder, with: ""), $0.error) })
        #expect(Set(errors.keys) == ["truncated.parquet", "corrupt.parquet", "wrong-type.parquet", "no-event-id.parquet"])
        #expect(errors["truncated.parquet"]?.contains("unreadable Parquet file") == true)
        #expect(errors["corrupt.parquet"]?.isEmpty == false)
        #expect(errors["wrong-type.parquet"]?.contains("column 'duration_ms' is string in the file; bronze needs bigint") == true)
        #expect(errors["no-event-id.parquet"]?.contains("required column 'event_id' is missing") == true)
        let failed: Int = try await context.scalar(
            "SELECT count(*) FROM \(identifier: context.schema).load_history WHERE status = 'failed' AND error <> ''")
        #expect(failed == 4)

        // Not retried in a loop; retried on request; still failing, still quarantined.
        let again = try await context.loader.loadNew()
        #expect(again.failures.isEmpty && again.quarantined == 4)
        let retried = try await context.loader.loadNew(retryFailed: true)
        #expect(retried.failures.count == 4)
        let attempts: Int = try await context.scalar("SELECT min(attempts) FROM \(identifier: context.schema).load_history WHERE status = 'failed'")
        #expect(attempts == 2)

        // A fixed file (new content) loads.
        try await context.lake.put(key: folder + "truncated.parquet", bytes: valid)
        let fixed = try await context.loader.loadNew()
        #expect(fixed.filesLoaded.map(\.key) == [folder + "truncated.parquet"])
        #expect(try await context.count("plays") == 800)
        #expect(await context.loader.status().failures.count == 3)
    }

    /// The fixture file with one column given another type.
    static func file(replacing name: String, with type: ParquetType) throws -> [UInt8] {
        let reader = try ParquetReader(bytes: try BronzeFileFixtures.file(rows: 50))
        let columns = reader.schema.columns.map { $0.name == name ? ParquetColumn(name: name, type: type, nullable: true) : $0 }
        let data = try reader.readColumns().enumerated().map { index, column in
            reader.schema[index].name == name ? ParquetColumnData.strings(column.int64s().map { $0.map(String.init) }) : column
        }
        return try write(ParquetSchema(columns), data)
    }

    static func file(dropping name: String) throws -> [UInt8] {
        let reader = try ParquetReader(bytes: try BronzeFileFixtures.file(rows: 50))
        let keep = reader.schema.columns.filter { $0.name != name }
        return try write(ParquetSchema(keep), try reader.readColumns(keep.map(\.name)))
    }

    static func write(_ schema: ParquetSchema, _ columns: [ParquetColumnData]) throws -> [UInt8] {
        let sink = ParquetMemorySink()
        let writer = try ParquetWriter(schema: schema, sink: sink)
        try writer.write(columns: columns)
        _ = try writer.close()
        return sink.bytes
    }
}
