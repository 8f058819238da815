import Foundation
import Testing
@testable import Parquet

/// Damaged input must produce a thrown `ParquetError` with a clear message: never a crash, an
/// out-of-memory or a hang.
@Suite("Bad input")
struct BadInputTests {
    /// Small valid files covering every writer path (dictionary, plain, all codecs, nulls, pages).
    static let seeds: [[UInt8]] = {
        var rng = SeededGenerator(seed: 1234)
        let schema = try! ParquetSchema([
            ParquetColumn(name: "id", type: .string, nullable: false),
            ParquetColumn(name: "name", type: .string, nullable: true),
            ParquetColumn(name: "n", type: .int64, nullable: true),
            ParquetColumn(name: "t", type: .timestamp(.micros), nullable: false),
            ParquetColumn(name: "b", type: .boolean, nullable: true),
            ParquetColumn(name: "d", type: .double, nullable: true),
            ParquetColumn(name: "i", type: .int32, nullable: false),
        ])
        // Small files keep thousands of iterations fast: long strings are cut short.
        let rows = RandomData.rows(schema, count: 120, nullRate: 0.2, &rng).map { row in
            row.map { value -> ParquetValue in
                if case .string(let s) = value, s.utf8.count > 100 { return .string(String(s.prefix(20))) }
                return value
            }
        }
        return ParquetCompression.allCases.flatMap { compression in
            [true, false].map { dictionary in
                var options = ParquetWriterOptions()
                options.compression = compression
                options.dictionaryEnabled = dictionary
                options.rowGroupMaxRows = 50
                options.dataPageMaxRows = 20
                return try! writeFile(schema, rows, options: options)
            }
        }
    }()

    @Test func fuzzRandomMutations() {
        // PARQUET_FUZZ_ITERATIONS and PARQUET_FUZZ_SEED allow longer or different local runs.
        let environment = ProcessInfo.processInfo.environment
        var rng = SeededGenerator(seed: environment["PARQUET_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0xF022)
        var failures = 0
        let iterations = environment["PARQUET_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 6000
        for iteration in 0..<iterations {
            var bytes = Self.seeds[iteration % Self.seeds.count]
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                ParquetFuzzing.mutate(&bytes, &rng)
            }
            if ParquetFuzzing.readAll(bytes) != nil { failures += 1 }
        }
        // Most mutations must be detected; the point is that none crashed, leaked or hung.
        #expect(failures > iterations / 4)
    }

    @Test func everyTruncationFails() {
        let file = Self.seeds[0]
        for length in 0..<file.count {
            let error = ParquetFuzzing.readAll(Array(file[0..<length]))
            #expect(error != nil, "truncated to \(length) bytes")
        }
    }

    @Test func wrongMagicAndTinyFiles() {
        #expect(ParquetFuzzing.readAll([])?.kind == .notParquet)
        #expect(ParquetFuzzing.readAll(Array("PAR1".utf8))?.kind == .notParquet)
        var file = Self.seeds[0]
        file[0] = UInt8(ascii: "X")
        #expect(ParquetFuzzing.readAll(file)?.message.contains("magic") == true)
        var tail = Self.seeds[0]
        tail[tail.count - 1] = 0
        #expect(ParquetFuzzing.readAll(tail)?.kind == .notParquet)
        var encrypted = Self.seeds[0]
        encrypted.replaceSubrange((encrypted.count - 4)..., with: Array("PARE".utf8))
        #expect(ParquetFuzzing.readAll(encrypted)?.kind == .unsupported)
    }

    @Test func lyingFooterLength() {
        var file = Self.seeds[1]
        let n = file.count
        for value: UInt32 in [0, 1, UInt32(n - 12), UInt32(n), 0xFFFF_FFFF] {
            withUnsafeBytes(of: value.littleEndian) { file.replaceSubrange((n - 8)..<(n - 4), with: $0) }
            #expect(ParquetFuzzing.readAll(file) != nil, "footer length \(value)")
        }
    }

    @Test func deeplyNestedThriftIsBounded() {
        // Field 1 of type struct, nested 100,000 times: must fail on depth, not overflow the stack.
        let footer = [UInt8](repeating: 0x1C, count: 100_000)
        let file = Array("PAR1".utf8) + footer + leBytes(UInt32(footer.count)) + Array("PAR1".utf8)
        let error = ParquetFuzzing.readAll(file)
        #expect(error?.kind == .corruptMetadata)
        #expect(error?.message.contains("nested") == true)
        // A list claiming 2^32 elements in a few bytes.
        let list: [UInt8] = [0x19, 0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00]
        let file2 = Array("PAR1".utf8) + list + leBytes(UInt32(list.count)) + Array("PAR1".utf8)
        #expect(ParquetFuzzing.readAll(file2)?.message.contains("list of") == true)
    }

    /// Rewrites a page header of a valid file with lying sizes: errors, no giant allocation.
    @Test func lyingPageHeaders() throws {
        let schema = try ParquetSchema([ParquetColumn(name: "v", type: .int64, nullable: false)])
        for compression in ParquetCompression.allCases {
            var options = ParquetWriterOptions()
            options.compression = compression
            let file = try writeFile(schema, (0..<100).map { [.int64(Int64($0))] }, options: options)
            #expect(ParquetFuzzing.readAll(file) == nil)
            // The first page header starts right after the magic.
            var r = ThriftCompactReader(bytes: file, start: 4, end: file.count, context: "test")
            let header = try PageHeader.decode(&r)
            let bodyStart = r.position
            for (uncompressed, compressed) in [(Int32.max, header.compressedPageSize), (header.uncompressedPageSize, Int32.max),
                                               (1 << 29, header.compressedPageSize), (header.uncompressedPageSize + 1, header.compressedPageSize),
                                               (0, header.compressedPageSize)] {
                var lie = header
                lie.uncompressedPageSize = uncompressed
                lie.compressedPageSize = compressed
                var w = ThriftCompactWriter()
                lie.encode(&w)
                let mutated = Array(file[0..<4]) + w.bytes + Array(file[bodyStart...])
                // Offsets in the footer now point slightly off, or the sizes lie: either way an error.
                let error = ParquetFuzzing.readAll(mutated)
                #expect(error != nil, "\(compression) uncompressed \(uncompressed) compressed \(compressed)")
            }
        }
    }

    @Test func unsupportedFeaturesNameTheColumn() throws {
        // A footer describing a nested group.
        var meta = FileMetaData()
        var root = SchemaElement(); root.name = "schema"; root.numChildren = 1
        var group = SchemaElement(); group.name = "tags"; group.numChildren = 1; group.repetition = Repetition.optional
        var leaf = SchemaElement(); leaf.name = "element"; leaf.type = PhysicalType.byteArray; leaf.repetition = Repetition.repeated
        meta.schema = [root, group, leaf]
        var w = ThriftCompactWriter()
        meta.encode(&w)
        let file = Array("PAR1".utf8) + w.bytes + leBytes(UInt32(w.bytes.count)) + Array("PAR1".utf8)
        let error = ParquetFuzzing.readAll(file)
        #expect(error?.kind == .unsupported)
        #expect(error?.message.contains("'tags'") == true)
    }
}
