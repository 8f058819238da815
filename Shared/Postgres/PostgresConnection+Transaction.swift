extension PostgresConnection {
    /// Runs `body` inside BEGIN ... COMMIT; a thrown error rolls the transaction back and is rethrown.
    ///
    /// If COMMIT itself fails (a deferred constraint, a serialization failure) the server has
    /// already rolled back, and that error is thrown.
    public func withTransaction<T>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await executeScript("BEGIN")
        let value: T
        do {
            value = try await body(self)
        } catch {
            do {
                try await executeScript("ROLLBACK")
            } catch {
                logger.warning("postgres rollback failed", metadata: ["error": "\(error)"])
            }
            throw error
        }
        try await executeScript("COMMIT")
        return value
    }
}
