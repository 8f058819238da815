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
            return .skipped(reason: "no longer in the lake")
        } catch let error as LakeError where error.kind == .permanent {
            return try await quarantine(file, error: "\(error)")
        }
        do {
            let reader = try await BlockingWork.run { try ParquetReader(bytes: bytes) }
            let plan = try BronzeColumnPlan(schema: reader.schema)
            return try await pool.withConnection { connection in
                try await connection.withTransaction { try await copy(file, reader: reader, plan: plan, $0) }
            }
        } catch {
            guard let reason = Self.rejectionReason(error) else { throw error }
            return try await quarantine(file, error: reason)
        }
    }

    private func copy(_ file: PendingFile, reader: ParquetReader, plan: BronzeColumnPlan, _ connection: PostgresConnection) async throws -> FileLoadResult {
        // Held until commit: a second instance skips the file instead of loading it twice.
        let locked = try await connection.query("SELECT pg_try_advisory_xact_lock(hashtextextended(\(file.key), 0))")[0].decode(0, as: Bool.self)
        guard locked else { return .busy }
        if let current = try await history.status(of: file.key, connection), current.status == .loaded {
            return .skipped(reason: "already loaded")
        }
        let sourceFile = Array(file.key.utf8)
        let names = plan.fileColumnNames
        let copied = try await connection.copyFrom(table: file.dataset.table, schema: schema, columns: plan.copyColumns) { writer in
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
        guard copied == Int(reader.numRows) else {
            throw FileRejection("COPY stored \(copied) rows but the file holds \(reader.numRows)")
        }
        try await history.recordLoaded(file, rows: copied, connection)
        return .loaded(rows: copied)
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
