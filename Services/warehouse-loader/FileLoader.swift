import Lake
import Logging
import Parquet
import Postgres
import ServiceRuntime

/// Loads one lake file into its bronze table: all of its rows and its `load_history` row in one
/// transaction, so a crash at any moment leaves the whole file or none of it.
struct FileLoader: Sendable {
    let lake: any LakeStorage
    let pool: PostgresConnectionPool
    let schema: String
    let logger: Logger

    private var history: LoadHistory { LoadHistory(schema: schema) }

    func load(_ file: PendingFile) async throws -> FileLoadResult {
        let bytes: [UInt8]
        do {
            bytes = try await lake.get(key: file.key)
        } catch let error as LakeError where error.kind == .notFound {
            return .vanished
        } catch let error as LakeError where error.kind == .permanent {
            return try await quarantine(file, error: "\(error)")
        }
        do {
            let reader = try await BlockingWork.run { try ParquetReader(bytes: bytes) }
            let plan = try BronzeColumnPlan(schema: reader.schema)
            do {
                return try await pool.withConnection { connection in
                    try await connection.withTransaction { try await copy(file, reader: reader, plan: plan, staged: false, $0) }
                }
            } catch let error as PostgresError where error.sqlState == Self.uniqueViolation {
                // A Kafka record of the file reached bronze after the overlap check (another loader,
                // another file): load it again, keeping only the records bronze does not hold.
                return try await pool.withConnection { connection in
                    try await connection.withTransaction { try await copy(file, reader: reader, plan: plan, staged: true, $0) }
                }
            }
        } catch {
            guard let reason = Self.rejectionReason(error) else { throw error }
            return try await quarantine(file, error: reason)
        }
    }

    static let uniqueViolation = "23505"
    private static let stagingTable = "bronze_load_staging"

    /// Copies the file's rows in the caller's transaction. A file none of whose Kafka records can
    /// be in bronze yet (a new roll: the usual case) goes straight into its table; any other (a
    /// compacted file, a range written twice, a file not named by its offsets) through a
    /// temporary table, from which only the records bronze does not hold are inserted.
    private func copy(_ file: PendingFile, reader: ParquetReader, plan: BronzeColumnPlan, staged: Bool,
                      _ connection: PostgresConnection) async throws -> FileLoadResult {
        // Held until commit: a second instance skips the file instead of loading it twice.
        let locked = try await connection.query("SELECT pg_try_advisory_xact_lock(hashtextextended(\(file.key), 0))")[0].decode(0, as: Bool.self)
        guard locked else { return .busy }
        if let current = try await history.status(of: file.key, connection), current.status == .loaded,
           current.fingerprint == file.fingerprint {
            return .skipped(reason: "already loaded")
        }
        let table = file.dataset.table
        let direct = staged ? false : try await bronzeHoldsNoneOf(file, connection)
        if !direct {
            try await connection.execute("""
                CREATE TEMPORARY TABLE \(identifier: Self.stagingTable) (LIKE \(identifier: schema).\(identifier: table) INCLUDING DEFAULTS) ON COMMIT DROP
                """)
        }
        let copied = try await copyRows(of: reader, plan: plan, key: file.key, into: direct ? (table, schema) : (Self.stagingTable, nil), connection)
        guard copied == Int(reader.numRows) else {
            throw FileRejection("COPY stored \(copied) rows but the file holds \(reader.numRows)")
        }
        var added = copied
        if !direct {
            added = try await connection.execute("""
                INSERT INTO \(identifier: schema).\(identifier: table) (\(identifiers: plan.copyColumns))
                SELECT \(identifiers: plan.copyColumns) FROM \(identifier: Self.stagingTable)
                ON CONFLICT (\(identifiers: BronzeTable.kafkaRecordKey)) DO NOTHING
                """)
        }
        try await history.recordLoaded(file, rows: copied, added: added, connection)
        return .loaded(rows: copied, added: added)
    }

    /// True when the file is named by its Kafka offsets (`BronzeFileKey`) and bronze holds no
    /// record of that partition in that offset range.
    private func bronzeHoldsNoneOf(_ file: PendingFile, _ connection: PostgresConnection) async throws -> Bool {
        guard let name = BronzeFileKey(key: file.key) else { return false }
        let rows = try await connection.query("""
            SELECT NOT EXISTS (SELECT 1 FROM \(identifier: schema).\(identifier: file.dataset.table)
                               WHERE _kafka_partition = \(name.partition) AND _kafka_offset BETWEEN \(name.firstOffset) AND \(name.lastOffset))
            """)
        return try rows[0].decode(0, as: Bool.self)
    }

    private func copyRows(of reader: ParquetReader, plan: BronzeColumnPlan, key: String, into target: (table: String, schema: String?),
                          _ connection: PostgresConnection) async throws -> Int {
        let sourceFile = Array(key.utf8)
        let names = plan.fileColumnNames
        return try await connection.copyFrom(table: target.table, schema: target.schema, columns: plan.copyColumns) { writer in
            for group in reader.rowGroups.indices {
                let columns = try await BlockingWork.run { try reader.readColumns(names, rowGroups: [group]) }
                let sources = try columns.map(CopyColumnSource.init)
                let rows = sources.first?.count ?? Int(reader.rowGroups[group].numRows)
                for row in 0..<rows {
                    for source in sources { source.append(row: row, to: writer) }
                    sourceFile.withUnsafeBufferPointer { writer.append(utf8: $0) }
                    try await writer.endRow()
                }
            }
        }
    }

    private func quarantine(_ file: PendingFile, error: String) async throws -> FileLoadResult {
        logger.error("lake file quarantined", metadata: ["key": "\(file.key)", "error": "\(error)"])
        try await pool.withConnection { try await history.recordFailed(file, error: error, $0) }
        return .failed(error: error)
    }

    /// The message to quarantine a file with, or nil when the error is not the file's fault
    /// (connection lost, server shutting down, lake unreachable) and the file should be retried.
    static func rejectionReason(_ error: any Error) -> String? {
        switch error {
        case let rejection as FileRejection:
            return rejection.message
        case let parquet as ParquetError:
            return "unreadable Parquet file: \(parquet.message)"
        case let postgres as PostgresError where postgres.kind == .server:
            // Class 22 (data exception) and 23 (integrity): the values themselves are refused.
            guard let state = postgres.sqlState, state.hasPrefix("22") || state.hasPrefix("23") else { return nil }
            return "PostgreSQL refused the rows: \(postgres)"
        case let postgres as PostgresError where postgres.kind == .invalidParameter:
            return "PostgreSQL refused the rows: \(postgres)"
        default:
            return nil
        }
    }
}
