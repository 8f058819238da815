import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Server errors carry SQLSTATE and the server's message", .integration)
struct ErrorTests {
    @Test func undefinedTable() async throws {
        let connection = try await testConnection()
        let missing = TestEnvironment.uniqueName("missing")
        do {
            _ = try await connection.query("SELECT * FROM \(identifier: missing)")
            Issue.record("expected an error")
        } catch let error as PostgresError {
            #expect(error.kind == .server)
            #expect(error.sqlState == PostgresError.SQLState.undefinedTable)
            #expect(error.message.contains(missing))
            #expect(error.severity == "ERROR")
        }
        try await connection.ping()  // the session survives a statement error
        await connection.close()
    }

    @Test func uniqueViolationWithDetail() async throws {
        try await withScratchTable("unique", columns: "id text PRIMARY KEY") { connection, table in
            try await connection.execute("INSERT INTO \(identifier: table) VALUES (\("a"))")
            do {
                try await connection.execute("INSERT INTO \(identifier: table) VALUES (\("a"))")
                Issue.record("expected an error")
            } catch let error as PostgresError {
                #expect(error.sqlState == PostgresError.SQLState.uniqueViolation)
                #expect(error.detail?.contains("(id)=(a)") == true)
                #expect(error.description.contains("23505"))
            }
        }
    }

    @Test func hintIsCarried() async throws {
        let connection = try await testConnection()
        do {
            _ = try await connection.query("SELECT pg_nonexistent_function(1)")
            Issue.record("expected an error")
        } catch let error as PostgresError {
            #expect(error.sqlState == "42883")
            #expect(error.hint != nil)
        }
        await connection.close()
    }

    @Test func connectionRefusedFailsFastAndNamesThePort() async throws {
        let start = ContinuousClock.now
        do {
            _ = try await PostgresConnection.connect(to: "postgresql://postgres@127.0.0.1:1/postgres", connectTimeout: .seconds(2))
            Issue.record("expected an error")
        } catch let error as PostgresError {
            #expect(error.kind == .connectionFailed)
            #expect(error.message.contains("port 1"))
        }
        // A refused connection answers at once; the bound only separates that from a hang.
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func closedConnectionSaysSo() async throws {
        let connection = try await testConnection()
        await connection.close()
        await #expect { try await connection.ping() } throws: { ($0 as? PostgresError)?.kind == .closed }
    }
}
