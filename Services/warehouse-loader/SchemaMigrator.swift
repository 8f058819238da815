import Logging
import Postgres

/// Brings the bronze schema up to the latest `BronzeMigrations` version.
///
/// Everything runs in one transaction behind a transaction-level advisory lock keyed on the
/// schema name, so instances starting together apply each version once, and a crash mid-way
/// leaves the previous version intact.
struct SchemaMigrator: Sendable {
    let schema: String
    let migrations: [BronzeMigration]
    let logger: Logger

    init(schema: String, migrations: [BronzeMigration] = BronzeMigrations.all, logger: Logger) {
        self.schema = schema
        self.migrations = migrations
        self.logger = logger
    }

    /// Returns the versions applied by this call (empty when already current).
    @discardableResult
    func migrate(_ pool: PostgresConnectionPool) async throws -> [Int] {
        let quoted = PostgresIdentifier.quote(schema)
        let lockKey = "warehouse-loader migrations \(schema)"
        return try await pool.withTransaction { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(hashtextextended(\(lockKey), 0))")
            try await connection.executeScript("""
                CREATE SCHEMA IF NOT EXISTS \(quoted);
                CREATE TABLE IF NOT EXISTS \(quoted).schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                );
                """)
            let rows = try await connection.query("SELECT version FROM \(identifier: schema).schema_migrations")
            let done = Set(try rows.map { try $0.decode(0, as: Int.self) })
            var applied: [Int] = []
            for migration in migrations.sorted(by: { $0.version < $1.version }) where !done.contains(migration.version) {
                try await connection.executeScript(migration.sql(quoted))
                try await connection.execute(
                    "INSERT INTO \(identifier: schema).schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))")
                logger.info("bronze migration applied", metadata: ["schema": "\(schema)", "version": "\(migration.version)", "name": "\(migration.name)"])
                applied.append(migration.version)
            }
            return applied
        }
    }
}
