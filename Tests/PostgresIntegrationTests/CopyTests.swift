import Foundation
import Postgres
import TestSupport
import Testing

@Suite("COPY FROM STDIN", .integration)
struct CopyTests {
    static let columns = "event_id uuid, user_id text, n int8, score float8, played_at timestamptz, ok bool, note text, raw bytea"
    static let awkward = ParameterRoundTripTests.awkwardStrings + ["a,b", "\"quoted\"", "\\.", " spaced ", "NULL", "\\N"]

    /// Row `i` of the test data; every awkward string appears, plus NULLs in every column.
    static func note(_ i: Int) -> String? { i % 17 == 0 ? nil : awkward[i % awkward.count] }

    @Test(arguments: [PostgresCopyFormat.text, .csv])
    func copiesOneHundredThousandRows(format: PostgresCopyFormat) async throws {
        try await withScratchTable("copy", columns: Self.columns) { connection, table in
            let base = Date(timeIntervalSince1970: 1_763_475_795)
            let count = 100_000
            let copied = try await connection.copyFrom(
                table: table, columns: ["event_id", "user_id", "n", "score", "played_at", "ok", "note", "raw"],
                format: format, chunkSize: 64 * 1024
            ) { writer in
                for i in 0..<count {
                    writer.append(UUID(uuidString: String(format: "00000000-0000-4000-8000-%012x", i))!)
                    writer.append("user_\(i % 1000)")
                    writer.append(i)
                    writer.append(Double(i) / 4)
                    writer.append(base.addingTimeInterval(Double(i) + 0.000123))
                    writer.append(i % 2 == 0)
                    writer.append(Self.note(i))
                    writer.append(i % 5 == 0 ? Data([UInt8(i & 0xFF), 0, 0x5C, 0x0A]) : nil)
                    try await writer.endRow()
                }
            }
            #expect(copied == count)

            let summary = try await connection.query(
                "SELECT count(*), sum(n), count(note), count(raw), min(played_at), sum(score) FROM \(identifier: table)")[0]
            #expect(try summary.decode(0, as: Int.self) == count)
            #expect(try summary.decode(1, as: Int.self) == count * (count - 1) / 2)
            #expect(try summary.decode(2, as: Int.self) == (0..<count).filter { Self.note($0) != nil }.count)
            #expect(try summary.decode(3, as: Int.self) == count / 5)
            #expect(try summary.decode(4, as: Date.self) == base.addingTimeInterval(0.000123))

            // Every distinct awkward value arrives byte-for-byte.
            let rows = try await connection.query(
                "SELECT n, note, raw, event_id, ok FROM \(identifier: table) WHERE n < \(100) ORDER BY n")
            #expect(rows.count == 100)
            for row in rows {
                let n = try row.decode("n", as: Int.self)
                #expect(try row.decode("note", as: String?.self) == Self.note(n), "row \(n)")
                #expect(try row.decode("raw", as: Data?.self) == (n % 5 == 0 ? Data([UInt8(n & 0xFF), 0, 0x5C, 0x0A]) : nil))
                #expect(try row.decode("event_id", as: UUID.self) == UUID(uuidString: String(format: "00000000-0000-4000-8000-%012x", n)))
                #expect(try row.decode("ok", as: Bool.self) == (n % 2 == 0))
            }
        }
    }

    @Test func badValueSurfacesTheServerErrorAndLeavesTheConnectionUsable() async throws {
        try await withScratchTable("copy_bad", columns: "n int") { connection, table in
            do {
                try await connection.copyFrom(table: table, columns: ["n"]) { writer in
                    writer.append("1")
                    try await writer.endRow()
                    writer.append("not a number")
                    try await writer.endRow()
                }
                Issue.record("expected an error")
            } catch let error as PostgresError {
                #expect(error.sqlState == PostgresError.SQLState.invalidTextRepresentation)
            }
            let count = try await connection.query("SELECT count(*) FROM \(identifier: table)")[0].decode(0, as: Int.self)
            #expect(count == 0)
        }
    }

    struct Stop: Error {}

    @Test func throwingBodyAbortsTheCopy() async throws {
        try await withScratchTable("copy_abort", columns: "n int") { connection, table in
            await #expect(throws: Stop.self) {
                try await connection.copyFrom(table: table, columns: ["n"], chunkSize: 4096) { writer in
                    for i in 0..<10_000 {
                        writer.append(i)
                        try await writer.endRow()
                    }
                    throw Stop()
                }
            }
            let count = try await connection.query("SELECT count(*) FROM \(identifier: table)")[0].decode(0, as: Int.self)
            #expect(count == 0)
        }
    }
}
