import Postgres
import Testing
import TestSupport

@Suite("Connection pool", .integration)
struct PoolTests {
    actor PIDs {
        var seen: Set<Int32> = []
        var active = 0
        var maxActive = 0
        func enter(_ pid: Int32) { seen.insert(pid); active += 1; maxActive = max(maxActive, active) }
        func leave() { active -= 1 }
    }

    @Test func servesConcurrentTasksWithinItsSize() async throws {
        let pool = PostgresConnectionPool(conninfo: try TestEnvironment.require("POSTGRES_URL"), size: 3)
        let pids = PIDs()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<24 {
                group.addTask {
                    try await pool.withConnection { connection in
                        let pid = try await connection.backendPID()
                        await pids.enter(pid)
                        let rows = try await connection.query("SELECT \(i)::int8 FROM pg_sleep(0.02)")
                        await pids.leave()
                        return try rows[0].decode(0, as: Int.self)
                    }
                }
            }
            var results: [Int] = []
            for try await value in group { results.append(value) }
            #expect(results.sorted() == Array(0..<24))
        }
        #expect(await pids.seen.count <= 3)
        #expect(await pids.maxActive <= 3)
        #expect(await pids.maxActive >= 2)
        try await pool.ping()
        await pool.close()
    }

    @Test func leftOpenTransactionIsRolledBackBeforeReuse() async throws {
        let pool = PostgresConnectionPool(conninfo: try TestEnvironment.require("POSTGRES_URL"), size: 1)
        let table = TestEnvironment.uniqueName("pool_tx")
        try await pool.withConnection { try await $0.executeScript("CREATE TABLE \(PostgresQuery.quoteIdentifier(table)) (n int)") }
        try await pool.withConnection { connection in
            try await connection.executeScript("BEGIN")
            try await connection.execute("INSERT INTO \(identifier: table) VALUES (\(1))")
        }
        let count = try await pool.withConnection {
            try await $0.query("SELECT count(*) FROM \(identifier: table)")[0].decode(0, as: Int.self)
        }
        #expect(count == 0)
        _ = try await pool.withTransaction { try await $0.execute("INSERT INTO \(identifier: table) VALUES (\(2))") }
        try await pool.withConnection { try await $0.executeScript("DROP TABLE \(PostgresQuery.quoteIdentifier(table))") }
        await pool.close()
    }

    @Test func closedPoolRefusesWork() async throws {
        let pool = PostgresConnectionPool(conninfo: try TestEnvironment.require("POSTGRES_URL"), size: 1)
        try await pool.ping()
        await pool.close()
        await #expect { try await pool.ping() } throws: { ($0 as? PostgresError)?.kind == .closed }
    }
}
