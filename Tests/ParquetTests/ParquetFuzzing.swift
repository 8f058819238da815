import Foundation
import Testing
@testable import Parquet

/// Reading damaged files: the unit fuzzing (BadInputTests) and the fuzzing of pyarrow's files
/// (ParquetIntegrationTests) damage and read files the same way.
enum ParquetFuzzing {
    /// Reads everything; returns normally or throws a ParquetError (anything else fails the test).
    static func readAll(_ bytes: [UInt8]) -> ParquetError? {
        do {
            let reader = try ParquetReader(bytes: bytes)
            for i in 0..<reader.schema.count { _ = try reader.readColumn(at: i) }
            _ = reader.rowGroups.map { $0.columns.map(\.statistics) }
            return nil
        } catch let error as ParquetError {
            #expect(!error.message.isEmpty)
            return error
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    static func mutate(_ bytes: inout [UInt8], _ rng: inout SeededGenerator) {
        guard !bytes.isEmpty else { bytes = [0]; return }
        // Half the mutations hit the footer region, where lengths and offsets live.
        let footerStart = max(0, bytes.count - 900)
        let position = Bool.random(using: &rng) ? Int.random(in: footerStart..<bytes.count, using: &rng) : Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<7, using: &rng) {
        case 0: bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
        case 1: bytes[position] = [0, 0xFF, 0x7F, 0x80, 0x0C, 0x19, 0x15].randomElement(using: &rng)!
        case 2: bytes[position] = UInt8.random(in: 0...255, using: &rng)
        case 3: bytes.removeSubrange(Int.random(in: 0..<bytes.count, using: &rng)...)
        case 4: bytes.insert(contentsOf: (0..<Int.random(in: 1...8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: position)
        case 5:
            // A large varint (a lying length or count).
            let big: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]
            for (k, b) in big.enumerated() where position + k < bytes.count { bytes[position + k] = b }
        default:
            let end = min(bytes.count, position + Int.random(in: 1...64, using: &rng))
            bytes.removeSubrange(position..<end)
        }
    }
}
