import Dispatch
import Foundation
import Logging

/// One PostgreSQL session.
///
/// libpq blocks, so every call runs on this connection's own serial dispatch queue and the
/// awaiting task is resumed through a continuation: Swift's cooperative threads never block.
/// A connection runs one statement at a time and is meant for one task at a time (the pool
/// guarantees that); interleaving statements from several tasks inside a transaction or a COPY
/// would mix their protocol states.
///
/// When the connection breaks (`PostgresError.Kind.connectionLost`), the failed statement is
/// not retried: it may have been executed before the connection dropped. Open a new connection,
/// or let `PostgresConnectionPool` replace it on the next checkout.
public final class PostgresConnection: Sendable {
    private let core: LibPQConnection
    private let queue: DispatchQueue
    public let logger: Logger

    private init(core: LibPQConnection, queue: DispatchQueue, logger: Logger) {
        self.core = core
        self.queue = queue
        self.logger = logger
    }

    /// Connects using a libpq conninfo string (`host=... dbname=...`) or URI (`postgresql://...`),
    /// such as the value of `POSTGRES_URL`.
    public static func connect(
        to conninfo: String,
        connectTimeout: Duration = .seconds(5),
        applicationName: String = "swift-postgres",
        logger: Logger = Logger(label: "postgres")
    ) async throws -> PostgresConnection {
        let queue = DispatchQueue(label: "postgres.connection")
        let core = try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result {
                    try LibPQConnection.connect(
                        conninfo: conninfo, connectTimeout: connectTimeout, applicationName: applicationName, logger: logger)
                })
            }
        }
        let connection = PostgresConnection(core: core, queue: queue, logger: logger)
        logger.debug("postgres connected", metadata: ["backend_pid": "\(core.backendPID)"])
        return connection
    }

    /// Runs `work` on this connection's queue and waits for it without blocking the caller's thread.
    func run<T: Sendable>(_ work: @escaping @Sendable (LibPQConnection) throws -> T) async throws -> T {
        let core = self.core
        return try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work(core) }) }
        }
    }

    // MARK: Statements

    /// Runs a statement with `$1...$n` parameters and returns its rows.
    ///
    /// `parameters` has no default on purpose: a call with one string argument resolves to the
    /// `PostgresQuery` overload, where interpolated values are bound, never spliced into the SQL.
    public func query(_ sql: String, _ parameters: [any PostgresBindable]) async throws -> PostgresRows {
        let encoded = parameters.map(\.postgresParameter)
        let result = try await logged(sql) { try $0.execute(sql, parameters: encoded) }
        return PostgresRows(result: result)
    }

    /// Runs a statement built by interpolation, where every interpolated value is a parameter.
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await self.query(query.sql, query.parameters)
    }

    /// Runs a statement prepared once per connection, keyed by its SQL text and parameter types:
    /// for a hot read whose planning costs more than its execution (a lookup by key). Statements
    /// whose text varies per call would each stay prepared for the session's lifetime: use
    /// `query` for those.
    public func preparedQuery(_ query: PostgresQuery) async throws -> PostgresRows {
        let sql = query.sql
        let encoded = query.parameters.map(\.postgresParameter)
        return PostgresRows(result: try await logged(sql) { try $0.executePrepared(sql, parameters: encoded) })
    }

    /// Runs a statement and returns the number of rows it affected (0 when it reports none).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresBindable]) async throws -> Int {
        try await query(sql, parameters).affectedRows ?? 0
    }

    @discardableResult
    public func execute(_ query: PostgresQuery) async throws -> Int {
        try await execute(query.sql, query.parameters)
    }

    /// Runs a script of one or more statements that take no parameters (DDL, migrations).
    public func executeScript(_ sql: String) async throws {
        _ = try await logged(sql) { try $0.executeSimple(sql) }
    }

    /// `SELECT 1`: succeeds only when the server answers on this connection.
    public func ping() async throws {
        _ = try await query("SELECT 1", [])
    }

    /// Whether the connection can take another statement: still open, not broken, and not closed
    /// by the server while idle (checked without sending anything).
    public func isHealthy() async -> Bool {
        (try? await run { $0.isHealthy }) ?? false
    }

    /// The server process serving this session (`pg_backend_pid()`).
    public func backendPID() async throws -> Int32 {
        try await run { $0.backendPID }
    }

    public func close() async {
        _ = try? await run { $0.close() }
    }

    /// Healthy and outside any transaction; rolls back a transaction a caller left open.
    func prepareForReuse() async -> Bool {
        (try? await run { core -> Bool in
            guard core.isHealthy else { return false }
            if !core.isIdleOutsideTransaction { _ = try? core.executeSimple("ROLLBACK") }
            return core.isIdleOutsideTransaction
        }) ?? false
    }

    private func logged<T: Sendable>(_ sql: String, _ work: @escaping @Sendable (LibPQConnection) throws -> T) async throws -> T {
        do {
            return try await run(work)
        } catch let error as PostgresError where error.kind == .connectionLost {
            logger.warning("postgres connection lost", metadata: ["error": "\(error)", "sql": "\(sql.prefix(200))"])
            throw error
        }
    }
}
