import Foundation
import Testing
@testable import Parquet

@Suite("Round trips through writer and reader")
struct RoundTripTests {
    /// Random schemas × random data × random layout options; every value must come back identical.
    @Test(arguments: 0..<40)
    func randomSchemasRoundTrip(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919 &+ 1)
        let schema = RandomData.schema(&rng, columns: Int.random(in: 1...8, using: &rng))
        let count = [0, 1, 7, 100, 1000, 3000].randomElement(using: &rng)!
        let rows = RandomData.rows(schema, count: count, nullRate: [0, 0.1, 0.5, 1].randomElement(using: &rng)!, &rng)
        var options = ParquetWriterOptions()
        options.compression = ParquetCompression.allCases.randomElement(using: &rng)!
        options.dictionaryEnabled = Bool.random(using: &rng)
        options.rowGroupMaxRows = [10, 333, 1_000_000].randomElement(using: &rng)!
        options.dataPageMaxRows = [1, 50, 20_000].randomElement(using: &rng)!
        options.dataPageMaxBytes = [64, 1 << 20].randomElement(using: &rng)!
        options.dictionaryPageMaxBytes = [32, 1 << 20].randomElement(using: &rng)!
        options.keyValueMetadata = ["seed": "\(seed)"]

        let bytes = try writeFile(schema, rows, options: options)
        let reader = try ParquetReader(bytes: bytes)
        #expect(reader.schema == schema)
        #expect(reader.numRows == Int64(count))
        #expect(reader.metadata.keyValueMetadata["seed"] == "\(seed)")
        let back = try reader.readRows()
        #expect(back.count == rows.count)
        for (r, (want, got)) in zip(rows, back).enumerated() {
            for (c, (w, g)) in zip(want, got).enumerated() where !sameValue(w, g) {
                Issue.record("seed \(seed) row \(r) column \(schema[c].name) (\(schema[c].type)): wrote \(w), read \(g)")
                return
            }
        }
    }

    @Test func batchWritingMatchesRowWriting() throws {
        let schema = try ParquetSchema([
            ParquetColumn(name: "s", type: .string, nullable: true),
            ParquetColumn(name: "i", type: .int64, nullable: false),
            ParquetColumn(name: "t", type: .timestamp(.micros), nullable: true),
            ParquetColumn(name: "b", type: .boolean, nullable: true),
            ParquetColumn(name: "d", type: .double, nullable: false),
            ParquetColumn(name: "n", type: .int32, nullable: true),
        ])
        let strings: [String?] = (0..<5000).map { $0 % 7 == 0 ? nil : "v\($0 % 13)" }
        let ints: [Int64?] = (0..<5000).map { Int64($0) * 1_000_003 }
        let times: [Int64?] = (0..<5000).map { $0 % 3 == 0 ? nil : 1_700_000_000_000_000 + Int64($0) }
        let bools: [Bool?] = (0..<5000).map { $0 % 5 == 0 ? nil : $0 % 2 == 0 }
        let doubles: [Double?] = (0..<5000).map { Double($0) / 3 }
        let int32s: [Int32?] = (0..<5000).map { $0 % 2 == 0 ? nil : Int32($0) }
        var options = ParquetWriterOptions()
        options.rowGroupMaxRows = 1200
        let sink = ParquetMemorySink()
        let writer = try ParquetWriter(schema: schema, sink: sink, options: options)
        // Uneven batches that straddle row groups.
        for range in [0..<1, 1..<1000, 1000..<3500, 3500..<5000] {
            try writer.write(columns: [
                .strings(Array(strings[range])), .int64s(Array(ints[range])), .timestamps(Array(times[range])),
                .booleans(Array(bools[range])), .doubles(Array(doubles[range])), .int32s(Array(int32s[range])),
            ])
        }
        let meta = try writer.close()
        #expect(meta.numRows == 5000)
        #expect(meta.rowGroups.map(\.numRows) == [1200, 1200, 1200, 1200, 200])
        let reader = try ParquetReader(bytes: sink.bytes)
        #expect(try reader.readColumn(named: "s").strings() == strings)
        #expect(try reader.readColumn(named: "i").int64s() == ints)
        #expect(try reader.readColumn(named: "t").int64s() == times)
        #expect(try reader.readColumn(named: "b").booleans() == bools)
        #expect(try reader.readColumn(named: "d").doubles() == doubles)
        #expect(try reader.readColumn(named: "n").int32s() == int32s)
        // Row-group selection.
        #expect(try reader.readColumn(named: "i", rowGroups: [4]).int64s() == Array(ints[4800..<5000]))
        #expect(try reader.readRowGroup(1, columns: ["s"])[0].strings() == Array(strings[1200..<2400]))
    }

    @Test func statisticsAndEncodingsInFooter() throws {
        let schema = try ParquetSchema([
            ParquetColumn(name: "s", type: .string, nullable: true),
            ParquetColumn(name: "i", type: .int64, nullable: true),
            ParquetColumn(name: "t", type: .timestamp(.micros), nullable: false),
        ])
        let rows: [[ParquetValue]] = [
            [.string("b"), .int64(5), .timestamp(10)],
            [.null, .int64(-3), .timestamp(30)],
            [.string("é"), .null, .timestamp(20)],
            [.string("a"), .int64(9), .timestamp(-40)],
        ]
        var options = ParquetWriterOptions()
        options.createdBy = "test-writer version 1"
        let reader = try ParquetReader(bytes: try writeFile(schema, rows, options: options))
        #expect(reader.metadata.createdBy == "test-writer version 1")
        let chunks = reader.rowGroups[0].columns
        func stats(_ i: Int) -> [ParquetValue?] {
            [chunks[i].statistics?.min, chunks[i].statistics?.max, chunks[i].statistics?.nullCount.map { .int64($0) }]
        }
        #expect(stats(0) == [.string("a"), .string("é"), .int64(1)])
        #expect(stats(1) == [.int64(-3), .int64(9), .int64(1)])
        #expect(stats(2) == [.timestamp(-40), .timestamp(30), .int64(0)])
        #expect(chunks[0].encodings.contains("RLE_DICTIONARY") && chunks[0].hasDictionaryPage)
        #expect(chunks[1].encodings == ["PLAIN", "RLE"])
        #expect(chunks.allSatisfy { $0.codec == "SNAPPY" })
    }

    @Test func dictionaryFallsBackToPlainPastTheLimit() throws {
        let schema = try ParquetSchema([ParquetColumn(name: "id", type: .string, nullable: false)])
        let rows = (0..<5000).map { [ParquetValue.string("unique-\($0)-\(String(repeating: "x", count: $0 % 50))")] }
        var options = ParquetWriterOptions()
        options.dictionaryPageMaxBytes = 10_000
        let reader = try ParquetReader(bytes: try writeFile(schema, rows, options: options))
        let chunk = reader.rowGroups[0].columns[0]
        #expect(!chunk.hasDictionaryPage)
        #expect(!chunk.encodings.contains("RLE_DICTIONARY"))
        #expect(try reader.readRows() == rows)
    }

    @Test func emptyFileAndFileSink() throws {
        let schema = try ParquetSchema([ParquetColumn(name: "x", type: .int64, nullable: true)])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).parquet").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try ParquetWriter(schema: schema, sink: try ParquetFileSink(path: path))
        let meta = try writer.close()
        #expect(meta.numRows == 0 && meta.rowGroups.isEmpty)
        let reader = try ParquetReader(path: path)
        #expect(reader.schema == schema)
        #expect(try reader.readColumn(named: "x").count == 0)
    }

    @Test func writerRejectsBadRowsWithoutDamage() throws {
        let schema = try ParquetSchema([
            ParquetColumn(name: "a", type: .string, nullable: false),
            ParquetColumn(name: "b", type: .int64, nullable: true),
        ])
        let sink = ParquetMemorySink()
        let writer = try ParquetWriter(schema: schema, sink: sink)
        #expect(throws: ParquetError.self) { try writer.write(row: [.null, .int64(1)]) }
        #expect(throws: ParquetError.self) { try writer.write(row: [.string("x"), .string("not an int")]) }
        #expect(throws: ParquetError.self) { try writer.write(row: [.string("x")]) }
        try writer.write(row: [.string("ok"), .null])
        try writer.close()
        #expect(throws: ParquetError.self) { try writer.write(row: [.string("late"), .null]) }
        #expect(try ParquetReader(bytes: sink.bytes).readRows() == [[.string("ok"), .null]])
        #expect(throws: ParquetError.self) {
            try ParquetSchema([ParquetColumn(name: "a", type: .int32, nullable: true), ParquetColumn(name: "a", type: .int32, nullable: true)])
        }
        let millis = try ParquetSchema([ParquetColumn(name: "t", type: .timestamp(.millis), nullable: true)])
        #expect(throws: ParquetError.self) { try ParquetWriter(schema: millis, sink: ParquetMemorySink()) }
    }

    @Test func memoryIsBoundedByTheRowGroup() throws {
        // A sink that only counts: the writer's own buffers must be reused, not grow with the file.
        final class CountingSink: ParquetSink {
            var count = 0
            func write(_ bytes: UnsafeRawBufferPointer) throws { count += bytes.count }
        }
        let schema = try ParquetSchema([ParquetColumn(name: "s", type: .string, nullable: true)])
        var options = ParquetWriterOptions()
        options.rowGroupMaxBytes = 64 * 1024
        let sink = CountingSink()
        let writer = try ParquetWriter(schema: schema, sink: sink, options: options)
        for i in 0..<200_000 { try writer.write(row: [.string("event-\(i)")]) }
        let meta = try writer.close()
        #expect(meta.rowGroups.count > 10)
        #expect(meta.rowGroups.allSatisfy { $0.totalByteSize < 200 * 1024 })
        #expect(sink.count == Int(meta.fileSize))
    }

    @Test func rleHybridRoundTrip() throws {
        var rng = SeededGenerator(seed: 42)
        for width in [1, 2, 3, 7, 8, 13, 20, 31, 32] {
            let maxValue = width == 32 ? Int64(Int32.max) : (Int64(1) << width) - 1
            var values: [Int32] = []
            while values.count < 5000 {
                let v = Int32(Int64.random(in: 0...maxValue, using: &rng))
                values.append(contentsOf: repeatElement(v, count: Bool.random(using: &rng) ? 1 : Int.random(in: 1...40, using: &rng)))
            }
            var encoded: [UInt8] = []
            values.withUnsafeBufferPointer { RLEHybrid.encode($0, bitWidth: width, into: &encoded) }
            var decoded: [Int32] = []
            _ = try encoded.withUnsafeBytes { try RLEHybrid.decode($0, bitWidth: width, count: values.count, into: &decoded, what: "test") }
            #expect(decoded == values, "bit width \(width)")
        }
    }
}

