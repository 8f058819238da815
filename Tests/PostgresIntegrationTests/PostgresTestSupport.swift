import Logging
import Postgres
import TestSupport

/// The shared test server from `POSTGRES_URL`; a missing variable fails the test.
func testConnection() async throws -> PostgresConnection {
    try await PostgresConnection.connect(to: TestEnvironment.require("POSTGRES_URL"))
}

/// Runs `body` with a fresh connection and a table name unique to this test, dropping the table after.
func withScratchTable(
    _ prefix: String, columns: String, _ body: (PostgresConnection, String) async throws -> Void
) async throws {
    let connection = try await testConnection()
    let table = TestEnvironment.uniqueName(prefix)
    try await connection.executeScript("CREATE TABLE \(PostgresQuery.quoteIdentifier(table)) (\(columns))")
    do {
        try await body(connection, table)
    } catch {
        try? await connection.executeScript("DROP TABLE IF EXISTS \(PostgresQuery.quoteIdentifier(table))")
        await connection.close()
        throw error
    }
    try await connection.executeScript("DROP TABLE IF EXISTS \(PostgresQuery.quoteIdentifier(table))")
    await connection.close()
}
