import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Parameters round-trip through the server", .integration)
struct ParameterRoundTripTests {
    static let awkwardStrings = [
        "", "plain", "Blinding Lights", "Beyoncé — Déjà Vu", "日本語のタイトル", "emoji 🎧🎶", "tab\there",
        "line\nbreak\r\n", "back\\slash \\N \\.", "quote ' and \" and `", "Robert'); DROP TABLE students;--",
        "$1 $2 :name ?", "1; SELECT pg_sleep(10)",
    ]

    @Test func stringsIncludingUnicodeAndInjectionLookingText() async throws {
        let connection = try await testConnection()
        for value in Self.awkwardStrings {
            let rows = try await connection.query("SELECT $1::text AS value, length($1::text) AS length", [value])
            #expect(try rows[0].decode("value", as: String.self) == value)
            #expect(try rows[0].decode("length", as: Int.self) == value.unicodeScalars.count)
        }
        await connection.close()
    }

    @Test func everyTypeAndNullThroughATable() async throws {
        try await withScratchTable(
            "params",
            columns: "s text, i int8, i32 int4, i64 int8, d float8, b bool, t timestamptz, bytes bytea, id uuid"
        ) { connection, table in
            let date = Date(timeIntervalSince1970: 1_763_475_795.123456)
            let bytes = Data([0, 1, 2, 0xFF, 0x5C, 0x0A, 0])
            let id = UUID()
            try await connection.execute(
                "INSERT INTO \(identifier: table) VALUES (\("Déjà 🎧 ' --"), \(Int.max), \(Int32.min), \(Int64.min), \(-1.5e-300), \(true), \(date), \(bytes), \(id))")
            try await connection.execute(
                "INSERT INTO \(identifier: table) VALUES (\(String?.none), \(Int?.none), \(Int32?.none), \(Int64?.none), \(Double?.none), \(Bool?.none), \(Date?.none), \(Data?.none), \(UUID?.none))")

            let rows = try await connection.query("SELECT * FROM \(identifier: table) ORDER BY s NULLS LAST")
            #expect(rows.count == 2)
            let row = rows[0]
            #expect(try row.decode("s", as: String.self) == "Déjà 🎧 ' --")
            #expect(try row.decode("i", as: Int.self) == Int.max)
            #expect(try row.decode("i32", as: Int32.self) == Int32.min)
            #expect(try row.decode("i64", as: Int64.self) == Int64.min)
            #expect(try row.decode("d", as: Double.self) == -1.5e-300)
            #expect(try row.decode("b", as: Bool.self) == true)
            #expect(abs(try row.decode("t", as: Date.self).timeIntervalSince(date)) < 0.000_001)
            #expect(try row.decode("bytes", as: Data.self) == bytes)
            #expect(try row.decode("id", as: UUID.self) == id)

            let nulls = rows[1]
            #expect(try nulls.decode("s", as: String?.self) == nil)
            #expect(try nulls.decode("i", as: Int?.self) == nil)
            #expect(try nulls.decode("i32", as: Int32?.self) == nil)
            #expect(try nulls.decode("i64", as: Int64?.self) == nil)
            #expect(try nulls.decode("d", as: Double?.self) == nil)
            #expect(try nulls.decode("b", as: Bool?.self) == nil)
            #expect(try nulls.decode("t", as: Date?.self) == nil)
            #expect(try nulls.decode("bytes", as: Data?.self) == nil)
            #expect(try nulls.decode("id", as: UUID?.self) == nil)
            #expect(nulls.isNull(0))
        }
    }

    @Test func injectionLookingValueIsStoredNotExecuted() async throws {
        try await withScratchTable("inject", columns: "name text") { connection, table in
            let hostile = "x'); DROP TABLE \"\(table)\"; --"
            #expect(try await connection.execute("INSERT INTO \(PostgresQuery.quoteIdentifier(table)) (name) VALUES ($1)", [hostile]) == 1)
            let rows = try await connection.query("SELECT name FROM \(identifier: table)")
            #expect(try rows[0].decode(0, as: String.self) == hostile)
        }
    }

    @Test func specialDoublesAndTimestampsRoundTrip() async throws {
        let connection = try await testConnection()
        for value in [0.0, -0.0, 1.0 / 3.0, .greatestFiniteMagnitude, .infinity, -.infinity] {
            let rows = try await connection.query("SELECT $1::float8", [value])
            #expect(try rows[0].decode(0, as: Double.self) == value)
        }
        let nan = try await connection.query("SELECT $1::float8", [Double.nan])
        #expect(try nan[0].decode(0, as: Double.self).isNaN)
        for seconds in [0.0, -1.5, 946_684_800.000001, 253_402_300_799.0, 32_503_680_000.5] {
            let date = Date(timeIntervalSince1970: seconds)
            let rows = try await connection.query("SELECT $1::timestamptz, ($1::timestamptz)::text", [date])
            let text = try rows[0].decode(1, as: String.self)
            #expect(abs(try rows[0].decode(0, as: Date.self).timeIntervalSince(date)) < 0.000_002, "\(text)")
        }
        // Another session time zone must not change the instant that comes back.
        try await connection.executeScript("SET TimeZone TO 'Asia/Kolkata'")
        let date = Date(timeIntervalSince1970: 1_700_000_000.25)
        let rows = try await connection.query("SELECT $1::timestamptz", [date])
        #expect(try rows[0].decode(0, as: Date.self) == date)
        await connection.close()
    }

    @Test func textWithNulByteIsRejectedBeforeSending() async throws {
        let connection = try await testConnection()
        await #expect {
            try await connection.query("SELECT $1::text", ["a\u{0}b"])
        } throws: { error in
            (error as? PostgresError)?.kind == .invalidParameter
        }
        try await connection.ping()
        await connection.close()
    }
}
