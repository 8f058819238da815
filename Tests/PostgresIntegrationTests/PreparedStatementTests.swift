import Postgres
import TestSupport
import Testing

@Suite("Statements prepared once per connection", .integration)
struct PreparedStatementTests {
    /// The server's own list of this session's prepared statements.
    func preparedStatements(_ connection: PostgresConnection) async throws -> [String] {
        try await connection.query("select statement from pg_prepared_statements order by prepare_time").map { try $0.decode(0) }
    }

    @Test func preparedOnceThenReusedWithNewParameters() async throws {
        let connection = try await testConnection()
        for value in ["a", "Déjà 🎧 ' --", "1; SELECT pg_sleep(10)", ""] {
            let rows = try await connection.preparedQuery("select \(value)::text as value, length(\(value)::text) as length")
            #expect(try rows[0].decode("value", as: String.self) == value)
            #expect(try rows[0].decode("length", as: Int.self) == value.unicodeScalars.count)
        }
        let nulls = try await connection.preparedQuery("select \(String?.none)::text as value, length(\(String?.none)::text) as length")
        #expect(nulls[0].isNull(0))
        // One statement per (SQL, parameter types): the null string and the three above differ
        // only in value, so the server holds exactly one.
        #expect(try await preparedStatements(connection).count == 1)
        _ = try await connection.preparedQuery("select \(1)::int8 + 1")
        #expect(try await preparedStatements(connection).count == 2)
        await connection.close()
    }

    @Test func aStatementGoneStaleIsPreparedAgain() async throws {
        try await withScratchTable("prepared", columns: "id int8 primary key, name text") { connection, table in
            try await connection.execute("insert into \(identifier: table) values (\(1), \("one"))")
            let lookup: (Int) -> PostgresQuery = { "select * from \(identifier: table) where id = \($0)" }
            #expect(try await connection.preparedQuery(lookup(1))[0].decode("name", as: String.self) == "one")

            // dbt replaces a table by renaming a new one into place, here with another row type:
            // the prepared statement's result type changes, which PostgreSQL refuses (0A000).
            try await connection.executeScript("""
                alter table \(PostgresQuery.quoteIdentifier(table)) rename to \(PostgresQuery.quoteIdentifier(table + "_old"));
                create table \(PostgresQuery.quoteIdentifier(table)) (id int8 primary key, name text, extra int4);
                insert into \(PostgresQuery.quoteIdentifier(table)) values (1, 'uno', 7);
                drop table \(PostgresQuery.quoteIdentifier(table + "_old"));
                """)
            let rows = try await connection.preparedQuery(lookup(1))
            #expect(try rows[0].decode("name", as: String.self) == "uno")
            #expect(try rows[0].decode("extra", as: Int.self) == 7)

            // The session's statements discarded behind the library's back (26000).
            try await connection.executeScript("deallocate all")
            #expect(try await connection.preparedQuery(lookup(1))[0].decode("name", as: String.self) == "uno")
        }
    }

    @Test func aFailingStatementReportsTheServerError() async throws {
        let connection = try await testConnection()
        let error = await #expect(throws: PostgresError.self) {
            _ = try await connection.preparedQuery("select * from no_such_table_for_prepared where id = \(1)")
        }
        #expect(error?.sqlState == "42P01")
        #expect(error?.message.contains("no_such_table_for_prepared") == true)
        // The connection stays usable, and the failed statement was not kept: the server holds
        // only the statement that succeeded.
        #expect(try await connection.preparedQuery("select \(41)::int8 + 1")[0].decode(0, as: Int.self) == 42)
        #expect(try await preparedStatements(connection) == ["select $1::int8 + 1"])
        await connection.close()
    }
}
