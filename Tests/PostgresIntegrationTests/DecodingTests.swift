import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Typed row decoding", .integration)
struct DecodingTests {
    @Test func decodesByIndexAndByName() async throws {
        let connection = try await testConnection()
        let rows = try await connection.query(
            "SELECT 42::int4 AS answer, 'x'::varchar AS \"mixedCase\", 2.5::numeric AS ratio, sum(x) AS total, DATE '2025-11-18' AS day FROM generate_series(1, 3) x")
        let row = try #require(rows.first)
        #expect(rows.columnNames == ["answer", "mixedCase", "ratio", "total", "day"])
        #expect(try row.decode(0, as: Int.self) == 42)
        #expect(try row.decode("mixedCase", as: String.self) == "x")
        #expect(try row.decode("ratio", as: Double.self) == 2.5)
        #expect(try row.decode("total", as: Int.self) == 6)  // sum(int) is numeric
        #expect(try row.decode("day", as: Date.self) == Date(timeIntervalSince1970: 1_763_424_000))
        await connection.close()
    }

    @Test func mismatchNamesTheColumnAndBothTypes() async throws {
        let connection = try await testConnection()
        let rows = try await connection.query("SELECT 'not a number'::text AS title, NULL::int8 AS missing")
        do {
            _ = try rows[0].decode("title", as: Int.self)
            Issue.record("decoding text as Int should fail")
        } catch let error as PostgresDecodingError {
            #expect(error.column == "title")
            #expect(error.postgresType == "text")
            #expect(error.swiftType == "Int")
            #expect(error.description.contains("'title'"))
        }
        #expect(throws: PostgresDecodingError.self) { try rows[0].decode("missing", as: Int.self) }
        #expect(try rows[0].decode("missing", as: Int?.self) == nil)
        #expect(throws: PostgresDecodingError.self) { try rows[0].decode("nope", as: String.self) }
        #expect(throws: PostgresDecodingError.self) { try rows[0].decode(7, as: String.self) }
        await connection.close()
    }

    @Test func affectedRowsAndEmptyResults() async throws {
        try await withScratchTable("affected", columns: "n int") { connection, table in
            #expect(try await connection.execute("INSERT INTO \(identifier: table) SELECT generate_series(1, 5)") == 5)
            #expect(try await connection.execute("DELETE FROM \(identifier: table) WHERE n > \(3)") == 2)
            let none = try await connection.query("SELECT n FROM \(identifier: table) WHERE n > \(100)")
            #expect(none.isEmpty)
        }
    }
}
