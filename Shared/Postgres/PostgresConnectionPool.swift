import Logging

/// A fixed-size pool of PostgreSQL connections, opened lazily.
///
/// Every checkout checks the connection first (without sending anything): one that broke or
/// that the server closed while it sat idle (a restart, an idle timeout) is closed and replaced
/// by a fresh connection, so a restarted server is picked up without recreating the pool.
/// A statement that fails because the connection broke mid-flight is reported as
/// `PostgresError.Kind.connectionLost` and is NOT retried, because it may have been executed;
/// retrying is the caller's decision (safe for reads and idempotent writes).
public final class PostgresConnectionPool: Sendable {
    public let size: Int
    private let state: PoolState

    /// - Parameters:
    ///   - conninfo: a libpq conninfo string or URI, such as `POSTGRES_URL`.
    ///   - size: the most connections open at once; further callers wait for one to be returned.
    public init(
        conninfo: String, size: Int = 4, connectTimeout: Duration = .seconds(5),
        applicationName: String = "swift-postgres", logger: Logger = Logger(label: "postgres.pool")
    ) {
        precondition(size > 0, "a pool needs at least one connection")
        self.size = size
        state = PoolState(
            size: size,
            connect: {
                try await PostgresConnection.connect(
                    to: conninfo, connectTimeout: connectTimeout, applicationName: applicationName, logger: logger)
            },
            logger: logger)
    }

    /// Lends a connection to `body` and takes it back afterwards, also when `body` throws.
    /// A transaction `body` left open is rolled back before the connection is reused.
    public func withConnection<T>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection = try await state.checkOut()
        do {
            let value = try await body(connection)
            await state.checkIn(connection)
            return value
        } catch {
            await state.checkIn(connection)
            throw error
        }
    }

    /// `withConnection` + `withTransaction`.
    public func withTransaction<T>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            try await connection.withTransaction { try await body($0) }
        }
    }

    /// `SELECT 1` on a pooled connection: the check behind a service's `/ready`.
    public func ping() async throws {
        try await withConnection { try await $0.ping() }
    }

    /// Closes idle connections and refuses new checkouts; connections in use close when returned.
    public func close() async {
        await state.close()
    }
}
