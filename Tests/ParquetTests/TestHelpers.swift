import Foundation
import ListeningSimulation
@testable import Parquet

/// A small seeded generator, so property and fuzz tests are reproducible.
typealias SeededGenerator = SplitMix64

/// Value equality where NaN equals NaN and -0.0 differs from +0.0 (bit patterns), as a file stores them.
func sameValue(_ a: ParquetValue, _ b: ParquetValue) -> Bool {
    switch (a, b) {
    case (.double(let x), .double(let y)): x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
    case (.float(let x), .float(let y)): x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
    default: a == b
    }
}

enum RandomData {
    static let writableTypes: [ParquetType] = [
        .boolean, .int32, .int64, .float, .double, .string, .binary, .date, .timestamp(.micros), .timestamp(.micros, isAdjustedToUTC: false),
    ]

    static let sampleStrings = [
        "", "a", "play", "Blinding Lights", "The Weeknd", "Beyoncé", "日本語のタイトル", "🎵🎶 emoji", "Ünïcødé ñ",
        "tab\tand\nnewline", "quote\"and\\backslash", String(repeating: "long ", count: 400), "\u{0}nul",
        String(repeating: "very long Ünïcødé 🎵 ", count: 4000),
    ]

    static func schema(_ rng: inout SeededGenerator, columns: Int) -> ParquetSchema {
        try! ParquetSchema((0..<columns).map { i in
            ParquetColumn(name: "c\(i)_\(Int.random(in: 0..<1000, using: &rng))", type: writableTypes.randomElement(using: &rng)!,
                          nullable: Bool.random(using: &rng))
        })
    }

    static func value(_ type: ParquetType, nullable: Bool, nullRate: Double, _ rng: inout SeededGenerator) -> ParquetValue {
        if nullable && Double.random(in: 0..<1, using: &rng) < nullRate { return .null }
        switch type {
        case .boolean: return .boolean(Bool.random(using: &rng))
        case .int32: return .int32(pick([Int32.min, Int32.max, 0, -1, 1], or: { Int32.random(in: Int32.min...Int32.max, using: &$0) }, &rng))
        case .int64: return .int64(pick([Int64.min, Int64.max, 0, -1], or: { Int64.random(in: Int64.min...Int64.max, using: &$0) }, &rng))
        case .date: return .date(pick([Int32.min, Int32.max, 0, -719_162], or: { Int32.random(in: -100_000...100_000, using: &$0) }, &rng))
        case .timestamp:
            return .timestamp(pick([Int64.min, Int64.max, 0, -1, 1_763_475_795_000_000],
                                   or: { Int64.random(in: -10_000_000_000_000_000...10_000_000_000_000_000, using: &$0) }, &rng))
        case .float: return .float(pick([0, -0.0, .infinity, -.infinity, .nan, .greatestFiniteMagnitude], or: { Float.random(in: -1e6...1e6, using: &$0) }, &rng))
        case .double: return .double(pick([0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude], or: { Double.random(in: -1e12...1e12, using: &$0) }, &rng))
        case .string: return .string(string(&rng))
        case .binary: return .binary((0..<Int.random(in: 0..<40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
        }
    }

    static func string(_ rng: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<5: return sampleStrings.randomElement(using: &rng)!
        case 5..<8: return "id-\(Int.random(in: 0..<50, using: &rng))"
        default:
            let scalars = "abcXYZ09 éü日本🎵—".unicodeScalars.map { $0 }
            return String(String.UnicodeScalarView((0..<Int.random(in: 0..<60, using: &rng)).map { _ in scalars.randomElement(using: &rng)! }))
        }
    }

    private static func pick<T>(_ specials: [T], or random: (inout SeededGenerator) -> T, _ rng: inout SeededGenerator) -> T {
        Int.random(in: 0..<5, using: &rng) == 0 ? specials.randomElement(using: &rng)! : random(&rng)
    }

    static func rows(_ schema: ParquetSchema, count: Int, nullRate: Double, _ rng: inout SeededGenerator) -> [[ParquetValue]] {
        (0..<count).map { _ in schema.columns.map { value($0.type, nullable: $0.nullable, nullRate: nullRate, &rng) } }
    }
}

/// Writes rows to memory and returns the file bytes.
func writeFile(_ schema: ParquetSchema, _ rows: [[ParquetValue]], options: ParquetWriterOptions = ParquetWriterOptions()) throws -> [UInt8] {
    let sink = ParquetMemorySink()
    let writer = try ParquetWriter(schema: schema, sink: sink, options: options)
    for row in rows { try writer.write(row: row) }
    try writer.close()
    return sink.bytes
}

/// A fresh temporary directory for files shared with the Python side.
func makeTempDirectory(_ prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
