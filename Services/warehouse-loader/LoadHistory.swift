import Postgres

/// Reads and writes `<schema>.load_history`, the ledger that makes each file load once.
struct LoadHistory: Sendable {
    let schema: String

    /// The entries of `keys` (the files a listing found), not the whole ledger: the ledger keeps a
    /// row for every roll ever loaded, also after compaction deleted the file, so reading all of it
    /// on every poll made the loader's memory grow with its age (a 45-minute soak: 24,547 rows for
    /// 4,475 files in the lake, RSS +38 %). Keys hold no newline, so they travel as one bound text.
    func entries(for keys: [String], _ connection: PostgresConnection) async throws -> [String: LoadHistoryEntry] {
        guard !keys.isEmpty else { return [:] }
        let rows = try await connection.query("""
            SELECT key, fingerprint, status, changed_fingerprint FROM \(identifier: schema).load_history
            WHERE key = ANY(string_to_array(\(keys.joined(separator: "\n")), chr(10)))
            """)
        var entries: [String: LoadHistoryEntry] = [:]
        entries.reserveCapacity(rows.count)
        for row in rows {
            let key = try row.decode(0, as: String.self)
            entries[key] = LoadHistoryEntry(
                key: key, fingerprint: try row.decode(1, as: String.self),
                status: LoadHistoryEntry.Status(rawValue: try row.decode(2, as: String.self)) ?? .failed,
                changedFingerprint: try row.decode(3, as: String?.self))
        }
        return entries
    }

    /// The status of `key` as seen inside the caller's transaction.
    func status(of key: String, _ connection: PostgresConnection) async throws -> (status: LoadHistoryEntry.Status, fingerprint: String)? {
        let rows = try await connection.query(
            "SELECT status, fingerprint FROM \(identifier: schema).load_history WHERE key = \(key)")
        guard let row = rows.first else { return nil }
        return (LoadHistoryEntry.Status(rawValue: try row.decode(0, as: String.self)) ?? .failed, try row.decode(1, as: String.self))
    }

    /// Marks the file loaded; runs in the same transaction as its COPY.
    func recordLoaded(_ file: PendingFile, rows: Int, added: Int, _ connection: PostgresConnection) async throws {
        try await connection.execute("""
            INSERT INTO \(identifier: schema).load_history
                (key, dataset, size, fingerprint, row_count, rows_added, status, error, loaded_at, updated_at)
            VALUES (\(file.key), \(file.dataset.rawValue), \(file.size), \(file.fingerprint), \(rows), \(added), 'loaded', NULL, now(), now())
            ON CONFLICT (key) DO UPDATE SET
                size = EXCLUDED.size, fingerprint = EXCLUDED.fingerprint, row_count = EXCLUDED.row_count, rows_added = EXCLUDED.rows_added,
                status = 'loaded', error = NULL, loaded_at = now(), updated_at = now(),
                attempts = \(identifier: "load_history").attempts + 1
            """)
    }

    /// Quarantines the file: it is not tried again until it changes or a retry is asked for.
    func recordFailed(_ file: PendingFile, error: String, _ connection: PostgresConnection) async throws {
        try await connection.execute("""
            INSERT INTO \(identifier: schema).load_history
                (key, dataset, size, fingerprint, row_count, status, error, updated_at)
            VALUES (\(file.key), \(file.dataset.rawValue), \(file.size), \(file.fingerprint), NULL, 'failed', \(error), now())
            ON CONFLICT (key) DO UPDATE SET
                size = EXCLUDED.size, fingerprint = EXCLUDED.fingerprint, status = 'failed', error = EXCLUDED.error,
                updated_at = now(), attempts = \(identifier: "load_history").attempts + 1
            WHERE \(identifier: "load_history").status = 'failed'
            """)
    }

    /// Notes that a loaded file was rewritten; it is loaded again for the records bronze lacks.
    func recordChanged(key: String, fingerprint: String, size: Int, _ connection: PostgresConnection) async throws {
        let note = "content changed after loading (now \(size) bytes, fingerprint \(fingerprint)); loaded again: only the records bronze did not hold were added (rows_added)"
        try await connection.execute("""
            UPDATE \(identifier: schema).load_history
            SET changed_fingerprint = \(fingerprint), changed_at = now(), note = \(note), updated_at = now()
            WHERE key = \(key)
            """)
    }

    func failures(_ connection: PostgresConnection) async throws -> [FileFailure] {
        let rows = try await connection.query("""
            SELECT key, coalesce(error, ''), attempts FROM \(identifier: schema).load_history
            WHERE status = 'failed' ORDER BY key
            """)
        return try rows.map { FileFailure(key: try $0.decode(0), error: try $0.decode(1), attempts: try $0.decode(2)) }
    }

    func changedFiles(_ connection: PostgresConnection) async throws -> [String] {
        let rows = try await connection.query("""
            SELECT key FROM \(identifier: schema).load_history WHERE changed_fingerprint IS NOT NULL ORDER BY key
            """)
        return try rows.map { try $0.decode(0, as: String.self) }
    }
}
