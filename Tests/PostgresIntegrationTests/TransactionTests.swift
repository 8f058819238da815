import Postgres
import TestSupport
import Testing

@Suite("Transactions", .integration)
struct TransactionTests {
    struct Boom: Error {}

    @Test func commitsOnSuccess() async throws {
        try await withScratchTable("tx_commit", columns: "n int") { connection, table in
            let value = try await connection.withTransaction { tx in
                try await tx.execute("INSERT INTO \(identifier: table) VALUES (\(1)), (\(2))")
            }
            #expect(value == 2)
            #expect(try await connection.query("SELECT count(*) FROM \(identifier: table)")[0].decode(0, as: Int.self) == 2)
        }
    }

    @Test func rollsBackOnThrownError() async throws {
        try await withScratchTable("tx_rollback", columns: "n int") { connection, table in
            await #expect(throws: Boom.self) {
                try await connection.withTransaction { tx in
                    try await tx.execute("INSERT INTO \(identifier: table) VALUES (\(1))")
                    throw Boom()
                }
            }
            let count = try await connection.query("SELECT count(*) FROM \(identifier: table)")[0].decode(0, as: Int.self)
            #expect(count == 0)
        }
    }

    @Test func rollsBackOnServerError() async throws {
        try await withScratchTable("tx_server", columns: "n int PRIMARY KEY") { connection, table in
            await #expect(throws: PostgresError.self) {
                try await connection.withTransaction { tx in
                    try await tx.execute("INSERT INTO \(identifier: table) VALUES (\(1))")
                    try await tx.execute("INSERT INTO \(identifier: table) VALUES (\(1))")
                }
            }
            let count = try await connection.query("SELECT count(*) FROM \(identifier: table)")[0].decode(0, as: Int.self)
            #expect(count == 0)
            try await connection.execute("INSERT INTO \(identifier: table) VALUES (\(5))")  // usable afterwards
        }
    }
}
