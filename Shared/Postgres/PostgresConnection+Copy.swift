extension PostgresConnection {
    /// Streams rows into `table` with `COPY ... FROM STDIN`; returns the rows the server stored.
    ///
    /// `body` writes rows through the writer. If it throws, the COPY is aborted (nothing is
    /// stored) and its error is rethrown; a server-side error (bad value, constraint) is thrown
    /// as `PostgresError` once the data has been sent.
    @discardableResult
    public func copyFrom(
        table: String, schema: String? = nil, columns: [String], format: PostgresCopyFormat = .text,
        chunkSize: Int = 1 << 20,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresCopyWriter) async throws -> Void
    ) async throws -> Int {
        let target = (schema.map { PostgresQuery.quoteIdentifier($0) + "." } ?? "") + PostgresQuery.quoteIdentifier(table)
        let columnList = columns.map(PostgresQuery.quoteIdentifier).joined(separator: ", ")
        return try await copyFrom(
            sql: "COPY \(target) (\(columnList)) FROM STDIN WITH \(format.copyOptions)", format: format,
            chunkSize: chunkSize, body)
    }

    /// Runs a `COPY ... FROM STDIN` statement whose data format is `format`.
    @discardableResult
    public func copyFrom(
        sql: String, format: PostgresCopyFormat, chunkSize: Int = 1 << 20,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresCopyWriter) async throws -> Void
    ) async throws -> Int {
        try await run { try $0.beginCopy(sql) }
        let writer = PostgresCopyWriter(connection: self, format: format, chunkSize: chunkSize)
        do {
            try await body(writer)
            try await writer.finish()
        } catch {
            await writer.drain()
            let reason = "aborted by client: \(error)"
            _ = try? await run { try $0.endCopy(abortMessage: reason) }
            throw error
        }
        return try await run { try $0.endCopy(abortMessage: nil) }
    }
}
