import Foundation
import Testing
import TestSupport
@testable import Parquet

/// Files written by pyarrow, with every combination of compression, dictionary and data page
/// version (several row groups and pages, nulls), must read back with pyarrow's own values.
@Suite("Reading files written by pyarrow", .integration)
struct PyArrowFilesTests {
    static let script = #"""
import json, os, random, sys, datetime
import pyarrow as pa, pyarrow.parquet as pq

out = sys.argv[1]
rng = random.Random(20261122)
n = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
def maybe(v, p=0.2): return None if rng.random() < p else v
utc = datetime.timezone.utc
epoch = datetime.datetime(1970, 1, 1, tzinfo=utc)
texts = ["", "a", "Blinding Lights", "Beyoncé", "日本語のタイトル", "🎵🎶", "x" * 500, "tab\tnl\n"]
micros = [maybe(rng.choice([0, -1, 1_763_475_795_123_456, rng.randint(-2_000_000_000_000_000, 4_000_000_000_000_000)])) for _ in range(n)]
cols = {
    "event_id": pa.array([f"{rng.getrandbits(128):032x}" for _ in range(n)], pa.string()),
    "user_id": pa.array([f"user_{rng.randint(0, 40):04d}" for _ in range(n)], pa.string()),
    "track_name": pa.array([maybe(rng.choice(texts)) for _ in range(n)], pa.string()),
    "duration_ms": pa.array([maybe(rng.choice([rng.randint(-2**63, 2**63 - 1), 200040, 0])) for _ in range(n)], pa.int64()),
    "count32": pa.array([maybe(rng.choice([-2**31, 2**31 - 1, rng.randint(-1000, 1000)])) for _ in range(n)], pa.int32()),
    "ratio": pa.array([maybe(rng.uniform(-1e9, 1e9)) for _ in range(n)], pa.float64()),
    "f32": pa.array([maybe(float(rng.randint(-1000, 1000)) / 4) for _ in range(n)], pa.float32()),
    "flag": pa.array([maybe(rng.random() < 0.5) for _ in range(n)], pa.bool_()),
    "played_at": pa.array(micros, pa.timestamp("us", tz="UTC")),
    "ts_ms": pa.array([None if m is None else m // 1000 for m in micros], pa.timestamp("ms", tz="UTC")),
    "ts_ns": pa.array([None if m is None else m * 1000 + 789 for m in micros], pa.timestamp("ns")),
    "day": pa.array([maybe(rng.randint(-20000, 40000)) for _ in range(n)], pa.date32()),
    "blob": pa.array([maybe(bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 20)))) for _ in range(n)], pa.binary()),
    "required_i64": pa.array([rng.randint(0, 10) for _ in range(n)], pa.int64()),
}
fields = [pa.field(k, v.type, nullable=k not in ("event_id", "user_id", "required_i64")) for k, v in cols.items()]
table = pa.Table.from_arrays(list(cols.values()), schema=pa.schema(fields))

files = []
for compression in ["none", "snappy", "gzip", "zstd"]:
    for dictionary in [True, False]:
        for page_version in ["1.0", "2.0"]:
            name = f"{compression}-{'dict' if dictionary else 'plain'}-v{page_version[0]}.parquet"
            pq.write_table(table, os.path.join(out, name), compression=compression, use_dictionary=dictionary,
                           data_page_version=page_version, row_group_size=1100, data_page_size=2048)
            files.append(name)
# Legacy INT96 timestamps (nanoseconds kept by INT96).
pq.write_table(table, os.path.join(out, "int96.parquet"), use_deprecated_int96_timestamps=True, row_group_size=1000)
files.append("int96.parquet")
# A dictionary that overflows its page limit: pyarrow switches to PLAIN pages mid-chunk.
pq.write_table(table, os.path.join(out, "fallback.parquet"), dictionary_pagesize_limit=1024, data_page_size=1024, row_group_size=1500)
files.append("fallback.parquet")

def expected(col, typ):
    if pa.types.is_timestamp(typ):
        # The Swift API gives microseconds: scale millis up, floor nanos down.
        scale = {"s": (1_000_000, 1), "ms": (1000, 1), "us": (1, 1), "ns": (1, 1000)}[typ.unit]
        return [None if v is None else str(v * scale[0] // scale[1]) for v in col.cast(pa.int64()).to_pylist()]
    if pa.types.is_date32(typ):
        return [None if v is None else str(v) for v in col.cast(pa.int32()).to_pylist()]
    if pa.types.is_binary(typ):
        return [None if v is None else v.hex() for v in col.to_pylist()]
    if pa.types.is_floating(typ):
        return [None if v is None else repr(float(v)) for v in col.to_pylist()]
    if pa.types.is_boolean(typ):
        return [None if v is None else ("true" if v else "false") for v in col.to_pylist()]
    return [None if v is None else str(v) for v in col.to_pylist()]

json.dump({"files": files, "columns": {f.name: expected(table.column(f.name), f.type) for f in fields}},
          open(os.path.join(out, "expected.json"), "w"))
"""#

    @Test func readsEveryPyArrowCombination() throws {
        let python = try TestEnvironment.python()
        let dir = try makeTempDirectory("pyarrow-files")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Subprocess.run(python, ["-c", Self.script, dir.path])
        try #require(result.status == 0, "python failed: \(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("expected.json"))) as! [String: Any]
        let files = json["files"] as! [String]
        let expected = json["columns"] as! [String: [Any]]
        #expect(files.count == 18)
        for file in files {
            let reader = try ParquetReader(path: dir.appendingPathComponent(file).path)
            #expect(reader.numRows == 3000, "\(file)")
            #expect(reader.rowGroups.count >= 2, "\(file)")
            let types = Dictionary(uniqueKeysWithValues: reader.schema.columns.map { ($0.name, $0) })
            #expect(types["event_id"] == ParquetColumn(name: "event_id", type: .string, nullable: false))
            #expect(types["played_at"]?.type == (file == "int96.parquet" ? .timestamp(.nanos, isAdjustedToUTC: false) : .timestamp(.micros)))
            #expect(types["ts_ns"]?.type == .timestamp(.nanos, isAdjustedToUTC: false), "\(file)")
            #expect(types["day"]?.type == .date)
            #expect(types["blob"]?.type == .binary)
            for column in reader.schema.columns {
                let data = try reader.readColumn(named: column.name)
                let want = expected[column.name]!.map { $0 as? String }
                let got = Self.render(data)
                if got != want {
                    let row = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? -1
                    Issue.record("\(file) column \(column.name): first difference at row \(row): got \(row >= 0 ? String(describing: got[row]) : "count \(got.count)"), want \(row >= 0 ? String(describing: want[row]) : "count \(want.count)")")
                }
            }
        }
    }

    /// The fuzzer of the bad-input suite, run on pyarrow's files (data page v2, GZIP, INT96...).
    @Test func fuzzPyArrowFiles() throws {
        let python = try TestEnvironment.python()
        let dir = try makeTempDirectory("pyarrow-fuzz")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Subprocess.run(python, ["-c", Self.script, dir.path, "200"])
        try #require(result.status == 0, "python failed: \(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("expected.json"))) as! [String: Any]
        let files = try (json["files"] as! [String]).map { try [UInt8](Data(contentsOf: dir.appendingPathComponent($0))) }
        var rng = SeededGenerator(seed: 0x5EED)
        for iteration in 0..<3600 {
            var bytes = files[iteration % files.count]
            for _ in 0..<Int.random(in: 1...3, using: &rng) { ParquetFuzzing.mutate(&bytes, &rng) }
            _ = ParquetFuzzing.readAll(bytes)
        }
    }

    static let unsupportedScript = #"""
import os, sys, decimal
import pyarrow as pa, pyarrow.parquet as pq
out = sys.argv[1]
n = pa.array(list(range(100)), pa.int64())
pq.write_table(pa.table({"ok": n, "delta_col": n}), os.path.join(out, "delta.parquet"),
               use_dictionary=False, column_encoding={"delta_col": "DELTA_BINARY_PACKED"})
pq.write_table(pa.table({"ok": n, "tags": pa.array([[1, 2]] * 100, pa.list_(pa.int64()))}), os.path.join(out, "nested.parquet"))
pq.write_table(pa.table({"price": pa.array([decimal.Decimal("1.25")] * 100, pa.decimal128(9, 2))}), os.path.join(out, "decimal.parquet"))
pq.write_table(pa.table({"ok": n}), os.path.join(out, "lz4.parquet"), compression="lz4")
"""#

    /// Features outside the supported set fail with an error naming the feature and the column.
    @Test func unsupportedFeaturesGiveClearErrors() throws {
        let python = try TestEnvironment.python()
        let dir = try makeTempDirectory("pyarrow-unsupported")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Subprocess.run(python, ["-c", Self.unsupportedScript, dir.path])
        try #require(result.status == 0, "python failed: \(result.stderr)")
        func error(_ file: String, column: String?) -> ParquetError? {
            do {
                let reader = try ParquetReader(path: dir.appendingPathComponent(file).path)
                if let column { _ = try reader.readColumn(named: column) }
                return nil
            } catch let error as ParquetError {
                return error
            } catch {
                return nil
            }
        }
        let delta = error("delta.parquet", column: "delta_col")
        #expect(delta?.kind == .unsupported)
        #expect(delta?.message == "encoding DELTA_BINARY_PACKED is not supported (column 'delta_col')")
        #expect(try ParquetReader(path: dir.appendingPathComponent("delta.parquet").path).readColumn(named: "ok").int64s() == (0..<100).map { Int64($0) })
        let nested = error("nested.parquet", column: nil)
        #expect(nested?.kind == .unsupported)
        #expect(nested?.message.contains("nested") == true && nested?.message.contains("'tags'") == true)
        let decimal = error("decimal.parquet", column: nil)
        #expect(decimal?.message == "the DECIMAL logical type is not supported (column 'price')")
        let lz4 = error("lz4.parquet", column: "ok")
        #expect(lz4?.kind == .unsupported)
        #expect(lz4?.message.contains("LZ4") == true && lz4?.message.contains("'ok'") == true)
    }

    /// Values as the Python side prints them.
    static func render(_ data: ParquetColumnData) -> [String?] {
        (0..<data.count).map { i -> String? in
            switch data[i] {
            case .null: nil
            case .boolean(let v): v ? "true" : "false"
            case .int32(let v), .date(let v): "\(v)"
            case .int64(let v), .timestamp(let v): "\(v)"
            case .float(let v): Self.pythonRepr(Double(v))
            case .double(let v): Self.pythonRepr(v)
            case .string(let v): v
            case .binary(let v): v.map { String(format: "%02x", $0) }.joined()
            }
        }
    }

    /// Python's repr of a float: shortest round-trip digits, like Swift's description, for the
    /// ranges generated here (no exponents).
    static func pythonRepr(_ v: Double) -> String { "\(v)" }
}
