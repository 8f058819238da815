import Postgres
import Testing
import TestSupport

/// Uses a throwaway server: stopping the shared one would break every other test.
@Suite("Server restart", .integration)
struct RestartTests {
    @Test func poolReportsAClearErrorThenRecoversWithoutBeingRecreated() async throws {
        let server = try await TemporaryPostgresServer.start()
        let pool = PostgresConnectionPool(conninfo: server.url, size: 2, connectTimeout: .seconds(2))
        do {
            try await pool.ping()
            let before = try await pool.withConnection { try await $0.backendPID() }

            try await server.stop()
            let start = ContinuousClock.now
            do {
                try await pool.ping()
                Issue.record("expected an error while the server is down")
            } catch let error as PostgresError {
                #expect(error.kind == .connectionFailed)
                #expect(error.message.contains("port \(server.port)"))
            }
            #expect(ContinuousClock.now - start < .seconds(10))  // refused at once; only a hang would exceed this

            try await server.start()
            try await pool.ping()
            let after = try await pool.withConnection { try await $0.backendPID() }
            #expect(after != before)
        } catch {
            await server.remove()
            throw error
        }
        await pool.close()
        await server.remove()
    }

    @Test func statementOnAConnectionTheServerDroppedReportsConnectionLost() async throws {
        let server = try await TemporaryPostgresServer.start()
        do {
            let connection = try await PostgresConnection.connect(to: server.url)
            try await connection.ping()
            try await server.stop()
            try await server.start()
            // A bare connection does not reconnect: the statement fails and says why.
            do {
                try await connection.ping()
                Issue.record("expected an error")
            } catch let error as PostgresError {
                #expect(error.kind == .connectionLost)
            }
            #expect(await connection.isHealthy() == false)
            await connection.close()
        } catch {
            await server.remove()
            throw error
        }
        await server.remove()
    }
}
