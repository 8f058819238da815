import Logging

/// The pool's mutable state: idle connections and the slots that bound how many are open.
actor PoolState {
    private let connect: @Sendable () async throws -> PostgresConnection
    private let logger: Logger
    private var idle: [PostgresConnection] = []
    private var freeSlots: Int
    private var waiters: [CheckedContinuation<Void, any Error>] = []
    private var isClosed = false

    init(size: Int, connect: @escaping @Sendable () async throws -> PostgresConnection, logger: Logger) {
        freeSlots = size
        self.connect = connect
        self.logger = logger
    }

    func close() async {
        isClosed = true
        let connections = idle
        idle.removeAll()
        for connection in connections { await connection.close() }
        for waiter in waiters { waiter.resume(throwing: PostgresError(kind: .closed, message: "the pool is closed")) }
        waiters.removeAll()
    }

    func checkOut() async throws -> PostgresConnection {
        try await acquireSlot()
        do {
            while let connection = idle.popLast() {
                if await connection.isHealthy() { return connection }
                logger.warning("postgres pool replacing a broken connection")
                await connection.close()
            }
            return try await connect()
        } catch {
            releaseSlot()
            throw error
        }
    }

    func checkIn(_ connection: PostgresConnection) async {
        if !isClosed, await connection.prepareForReuse() {
            idle.append(connection)
        } else {
            await connection.close()
        }
        releaseSlot()
    }

    private func acquireSlot() async throws {
        if isClosed { throw PostgresError(kind: .closed, message: "the pool is closed") }
        if freeSlots > 0 {
            freeSlots -= 1
            return
        }
        // The slot is handed over directly by releaseSlot, so freeSlots is not touched here.
        try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    private func releaseSlot() {
        if waiters.isEmpty {
            freeSlots += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
