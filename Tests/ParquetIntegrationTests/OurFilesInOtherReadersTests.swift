import Foundation
import Testing
import TestSupport
@testable import Parquet

/// Files written here must read in pyarrow and DuckDB with identical values and the declared
/// types and nullability (the lake's bronze files must open "with no options").
@Suite("Files written here, read by pyarrow and DuckDB", .integration)
struct OurFilesInOtherReadersTests {
    static let script = #"""
import json, sys
import pyarrow as pa, pyarrow.parquet as pq, duckdb

path = sys.argv[1]
table = pq.read_table(path)

def values(col):
    typ = col.type
    if pa.types.is_timestamp(typ):
        return [None if v is None else str(v) for v in col.cast(pa.int64()).to_pylist()]
    if pa.types.is_floating(typ):
        return [None if v is None else repr(v) for v in col.to_pylist()]
    if pa.types.is_boolean(typ):
        return [None if v is None else ("true" if v else "false") for v in col.to_pylist()]
    return [None if v is None else str(v) for v in col.to_pylist()]

con = duckdb.connect()
describe = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [path]).fetchall()
duck_types = {row[0]: row[1] for row in describe}
exprs = []
for name, typ in duck_types.items():
    q = '"' + name + '"'
    if typ.startswith("TIMESTAMP"):
        exprs.append(f"CAST(epoch_us({q}) AS VARCHAR)")
    elif typ == "BOOLEAN":
        exprs.append(f"CASE WHEN {q} IS NULL THEN NULL WHEN {q} THEN 'true' ELSE 'false' END")
    else:
        exprs.append(f"CAST({q} AS VARCHAR)")
rows = con.execute(f"SELECT {', '.join(exprs)} FROM read_parquet(?)", [path]).fetchall()
duck_values = {name: [row[i] for row in rows] for i, name in enumerate(duck_types)}

json.dump({
    "pyarrow_types": {f.name: str(f.type) for f in table.schema},
    "pyarrow_nullable": {f.name: f.nullable for f in table.schema},
    "pyarrow_values": {name: values(table.column(name)) for name in table.column_names},
    "duckdb_types": duck_types,
    "duckdb_values": duck_values,
    "metadata": {k.decode(): v.decode() for k, v in (pq.read_metadata(path).metadata or {}).items()},
}, sys.stdout)
"""#

    static let schema = try! ParquetSchema([
        ParquetColumn(name: "event_id", type: .string, nullable: false),
        ParquetColumn(name: "user_id", type: .string, nullable: false),
        ParquetColumn(name: "track_name", type: .string, nullable: true),
        ParquetColumn(name: "duration_ms", type: .int64, nullable: true),
        ParquetColumn(name: "played_at", type: .timestamp(.micros), nullable: false),
        ParquetColumn(name: "device_type", type: .string, nullable: true),
        ParquetColumn(name: "liked", type: .boolean, nullable: true),
        ParquetColumn(name: "score", type: .double, nullable: true),
        ParquetColumn(name: "_kafka_partition", type: .int32, nullable: false),
        ParquetColumn(name: "_kafka_offset", type: .int64, nullable: false),
        ParquetColumn(name: "_ingested_at", type: .timestamp(.micros), nullable: false),
    ])

    static func rows(count: Int) -> [[ParquetValue]] {
        var rng = SeededGenerator(seed: 99)
        let devices = ["desktop", "mobile", "tv", "car"]
        return (0..<count).map { i in
            let played = [Int64(0), -1, 1_763_475_795_000_000, -2_208_988_800_000_000, 7_258_118_400_000_000][i % 5] + Int64(i)
            return [
                .string(UUID().uuidString.lowercased()),
                .string("user_\(i % 37)"),
                i % 6 == 0 ? .null : .string(RandomData.string(&rng)),
                i % 4 == 0 ? .null : .int64([Int64.min, Int64.max, 0, 200_040][i % 4 == 1 ? 1 : i % 7 == 0 ? 0 : 3] &+ Int64(i % 3)),
                .timestamp(played),
                i % 3 == 0 ? .null : .string(devices[i % devices.count]),
                i % 5 == 0 ? .null : .boolean(i % 2 == 0),
                i % 9 == 0 ? .null : .double(Double(i) / 8 - 100),
                .int32(Int32(i % 6) - (i % 11 == 0 ? Int32.max : 0)),
                .int64(Int64(i) * 1_000_000_007),
                .timestamp(1_763_475_795_123_456 + Int64(i)),
            ]
        }
    }

    @Test(arguments: ParquetCompression.allCases, [true, false])
    func pyarrowAndDuckDBAgree(compression: ParquetCompression, dictionary: Bool) throws {
        let python = try TestEnvironment.python()
        let dir = try makeTempDirectory("our-files")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("part-user_plays-0-0-2499.parquet").path
        let rows = Self.rows(count: 2500)
        var options = ParquetWriterOptions()
        options.compression = compression
        options.dictionaryEnabled = dictionary
        options.rowGroupMaxRows = 1000
        options.dataPageMaxRows = 300
        options.keyValueMetadata = ["source": "lake-writer"]
        let writer = try ParquetWriter(schema: Self.schema, sink: try ParquetFileSink(path: path), options: options)
        for row in rows { try writer.write(row: row) }
        try writer.close()

        let result = try Subprocess.run(python, ["-c", Self.script, path])
        try #require(result.status == 0, "python failed: \(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let pyTypes = json["pyarrow_types"] as! [String: String]
        let pyNullable = json["pyarrow_nullable"] as! [String: Bool]
        let duckTypes = json["duckdb_types"] as! [String: String]
        #expect((json["metadata"] as! [String: String])["source"] == "lake-writer")

        let wantPyTypes: [String: String] = [
            "event_id": "string", "user_id": "string", "track_name": "string", "duration_ms": "int64",
            "played_at": "timestamp[us, tz=UTC]", "device_type": "string", "liked": "bool", "score": "double",
            "_kafka_partition": "int32", "_kafka_offset": "int64", "_ingested_at": "timestamp[us, tz=UTC]",
        ]
        let wantDuckTypes: [String: String] = [
            "event_id": "VARCHAR", "user_id": "VARCHAR", "track_name": "VARCHAR", "duration_ms": "BIGINT",
            "played_at": "TIMESTAMP WITH TIME ZONE", "device_type": "VARCHAR", "liked": "BOOLEAN", "score": "DOUBLE",
            "_kafka_partition": "INTEGER", "_kafka_offset": "BIGINT", "_ingested_at": "TIMESTAMP WITH TIME ZONE",
        ]
        #expect(pyTypes == wantPyTypes)
        #expect(duckTypes == wantDuckTypes)
        #expect(pyNullable == Dictionary(uniqueKeysWithValues: Self.schema.columns.map { ($0.name, $0.nullable) }))

        for (c, column) in Self.schema.columns.enumerated() {
            let want = rows.map { Self.render($0[c]) }
            for engine in ["pyarrow_values", "duckdb_values"] {
                let got = ((json[engine] as! [String: [Any]])[column.name] ?? []).map { $0 as? String }
                if got != want {
                    let row = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    Issue.record("\(engine) column \(column.name): differs at row \(row.map(String.init) ?? "count") (got \(row.map { String(describing: got[$0]) } ?? "\(got.count)"), want \(row.map { String(describing: want[$0]) } ?? "\(want.count)"))")
                }
            }
        }
    }

    static func render(_ value: ParquetValue) -> String? {
        switch value {
        case .null: nil
        case .boolean(let v): v ? "true" : "false"
        case .int32(let v), .date(let v): "\(v)"
        case .int64(let v), .timestamp(let v): "\(v)"
        case .float(let v): "\(v)"
        case .double(let v): "\(v)"
        case .string(let v): v
        case .binary(let v): "\(v)"
        }
    }
}
