import CLibPQ
import Foundation
import Logging

/// The PGconn and every libpq call made on it.
///
/// Not thread-safe by itself: `PostgresConnection` only touches it from its serial queue, which
/// is what the `@unchecked Sendable` relies on.
final class LibPQConnection: @unchecked Sendable {
    private var connection: OpaquePointer?
    private let notices: NoticeForwarder
    /// Statements prepared on this session, by SQL text and parameter types.
    private var prepared: [PreparedKey: String] = [:]
    /// Names are never reused, also after a stale statement was dropped.
    private var preparedCount = 0

    private struct PreparedKey: Hashable {
        let sql: String
        let types: [UInt32]
    }

    private init(connection: OpaquePointer, logger: Logger) {
        self.connection = connection
        notices = NoticeForwarder(logger: logger)
        // Without a receiver libpq prints notices (and the FATAL a restarting server sends to
        // idle sessions) to stderr; route them through the logger instead.
        PQsetNoticeReceiver(connection, { context, result in
            guard let context, let result else { return }
            let forwarder = Unmanaged<NoticeForwarder>.fromOpaque(context).takeUnretainedValue()
            forwarder.log(String(cString: PQresultErrorMessage(result)))
        }, Unmanaged.passUnretained(notices).toOpaque())
    }

    deinit { close() }

    /// Opens a connection from a conninfo string or URI. Blocks for at most `connectTimeout`
    /// per host (libpq's own granularity is whole seconds, minimum 2).
    static func connect(conninfo: String, connectTimeout: Duration, applicationName: String, logger: Logger) throws -> LibPQConnection {
        let timeoutSeconds = max(2, Int((Double(connectTimeout.components.seconds) + Double(connectTimeout.components.attoseconds) / 1e18).rounded(.up)))
        // expand_dbname=1: the first "dbname" may be a whole conninfo/URI; later keywords override it.
        let keywords = ["dbname", "connect_timeout", "fallback_application_name", "client_encoding"]
        let values = [conninfo, String(timeoutSeconds), applicationName, "UTF8"]
        let pointer = withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let pointer else {
            throw PostgresError(kind: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(pointer) == CONNECTION_OK else {
            let message = trimmed(PQerrorMessage(pointer))
            PQfinish(pointer)
            throw PostgresError(kind: .connectionFailed, message: message)
        }
        let connection = LibPQConnection(connection: pointer, logger: logger)
        // Decoding relies on ISO dates; fix it per session whatever the server's default.
        try connection.executeSimple("SET DateStyle TO 'ISO, MDY'")
        return connection
    }

    func close() {
        if let connection { PQfinish(connection) }
        connection = nil
    }

    /// Whether the connection can take a statement: open, not broken, and (after reading whatever
    /// the server sent while idle) not closed by the server, e.g. because it restarted.
    var isHealthy: Bool {
        guard let connection, PQstatus(connection) == CONNECTION_OK else { return false }
        // Two reads: the first may only consume a FATAL the server sent before closing; the second
        // then sees the end of the stream. On a live connection both return at once (libpq's
        // socket is non-blocking).
        for _ in 0..<2 {
            if PQconsumeInput(connection) == 0 { return false }
        }
        while let notify = PQnotifies(connection) { PQfreemem(notify) }
        return PQstatus(connection) == CONNECTION_OK
    }

    /// True when outside any transaction block, so the connection can be handed to someone else.
    var isIdleOutsideTransaction: Bool {
        guard let connection else { return false }
        return PQtransactionStatus(connection) == PQTRANS_IDLE
    }

    var backendPID: Int32 { connection.map { PQbackendPID($0) } ?? 0 }

    // MARK: Statements

    func execute(_ sql: String, parameters: [PostgresParameter]) throws -> LibPQResult {
        let connection = try open()
        let result = try withParameters(parameters) { types, values, lengths, formats in
            PQexecParams(connection, sql, Int32(parameters.count), types, values, lengths, formats, 0)
        }
        return try check(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY])
    }

    /// Runs `sql` as a statement prepared on this connection the first time it is seen (with
    /// these parameter types): later runs skip parsing, and PostgreSQL reuses a generic plan once
    /// it finds it no worse than a custom one. When the statement went stale (a table it reads
    /// was replaced with a different row type, or the session's statements were discarded), it
    /// is prepared again and run once more: the failed run executed nothing.
    func executePrepared(_ sql: String, parameters: [PostgresParameter]) throws -> LibPQResult {
        let key = PreparedKey(sql: sql, types: parameters.map(\.typeOID))
        do {
            return try runPrepared(key, parameters: parameters)
        } catch let error as PostgresError where error.kind == .server && Self.staleStatementStates.contains(error.sqlState ?? "") {
            if let name = prepared.removeValue(forKey: key) { _ = try? executeSimple("DEALLOCATE \(name)") }
            return try runPrepared(key, parameters: parameters)
        }
    }

    /// 0A000: "cached plan must not change result type"; 26000: no such prepared statement.
    private static let staleStatementStates: Set<String> = ["0A000", "26000"]

    private func runPrepared(_ key: PreparedKey, parameters: [PostgresParameter]) throws -> LibPQResult {
        let connection = try open()
        let name: String
        if let known = prepared[key] {
            name = known
        } else {
            preparedCount += 1
            name = "swift_\(preparedCount)"
            let types = key.types.map { Oid($0) }
            _ = try check(PQprepare(connection, name, key.sql, Int32(types.count), types), expecting: [PGRES_COMMAND_OK])
            prepared[key] = name
        }
        let result = try withParameters(parameters) { _, values, lengths, formats in
            PQexecPrepared(connection, name, Int32(parameters.count), values, lengths, formats, 0)
        }
        return try check(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY])
    }

    /// Lays the parameters out as libpq wants them (values as C strings in one buffer) for the
    /// duration of `body`.
    private func withParameters(
        _ parameters: [PostgresParameter],
        _ body: ([Oid], [UnsafePointer<CChar>?], [Int32], [Int32]) -> OpaquePointer?
    ) throws -> OpaquePointer? {
        var storage: [UInt8] = []
        var offsets: [Int?] = []
        for (position, parameter) in parameters.enumerated() {
            guard let bytes = parameter.bytes else {
                offsets.append(nil)
                continue
            }
            if parameter.format == .text, bytes.contains(0) {
                throw PostgresError(kind: .invalidParameter, message: "parameter $\(position + 1) contains a NUL byte, which PostgreSQL text cannot hold")
            }
            offsets.append(storage.count)
            storage.append(contentsOf: bytes)
            storage.append(0)  // libpq reads text parameters as C strings
        }
        let types = parameters.map { Oid($0.typeOID) }
        let lengths = parameters.map { Int32($0.bytes?.count ?? 0) }
        let formats = parameters.map { $0.format.rawValue }
        return storage.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress)
            let values: [UnsafePointer<CChar>?] = offsets.map { offset in
                offset.flatMap { base?.advanced(by: $0).assumingMemoryBound(to: CChar.self) }
            }
            return body(types, values, lengths, formats)
        }
    }

    /// One or more statements without parameters (BEGIN, COMMIT, DDL scripts).
    @discardableResult
    func executeSimple(_ sql: String) throws -> LibPQResult {
        let connection = try open()
        return try check(PQexec(connection, sql), expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY])
    }

    // MARK: COPY FROM STDIN

    func beginCopy(_ sql: String) throws {
        let connection = try open()
        _ = try check(PQexec(connection, sql), expecting: [PGRES_COPY_IN])
    }

    func putCopyData(_ chunk: [UInt8]) throws {
        let connection = try open()
        let status = chunk.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(connection, $0.baseAddress, Int32($0.count)) }
        }
        if status != 1 { throw connectionError(connection) }
    }

    /// Ends the COPY (or aborts it with `abortMessage`) and returns the rows the server stored.
    func endCopy(abortMessage: String?) throws -> Int {
        let connection = try open()
        if PQputCopyEnd(connection, abortMessage) != 1 { throw connectionError(connection) }
        var first: Result<Int, any Error>?
        // Drain every result so the connection is ready for the next statement.
        while let result = PQgetResult(connection) {
            if first == nil {
                first = Result { try check(result, expecting: [PGRES_COMMAND_OK]).affectedRows ?? 0 }
            } else {
                PQclear(result)
            }
        }
        guard let first else { throw connectionError(connection) }
        return try first.get()
    }

    // MARK: Errors

    private func open() throws -> OpaquePointer {
        guard let connection else { throw PostgresError(kind: .closed, message: "the connection is closed") }
        return connection
    }

    private func check(_ result: OpaquePointer?, expecting accepted: [ExecStatusType]) throws -> LibPQResult {
        guard let result else { throw connectionError(try open()) }
        let status = PQresultStatus(result)
        if accepted.contains(status) { return LibPQResult(result) }
        defer { PQclear(result) }
        guard status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR else {
            throw PostgresError(kind: .unexpectedResult, message: "unexpected result status \(String(cString: PQresStatus(status)))")
        }
        func field(_ code: Character) -> String? {
            guard let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        let lost = connection.map { PQstatus($0) == CONNECTION_BAD } ?? true
        throw PostgresError(
            kind: lost ? .connectionLost : .server,
            message: field("M") ?? Self.trimmed(PQresultErrorMessage(result)),
            sqlState: field("C"), detail: field("D"), hint: field("H"), severity: field("V"))
    }

    private func connectionError(_ connection: OpaquePointer) -> PostgresError {
        PostgresError(
            kind: PQstatus(connection) == CONNECTION_BAD ? .connectionLost : .unexpectedResult,
            message: Self.trimmed(PQerrorMessage(connection)))
    }

    private static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "unknown libpq error" }
        return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Receives libpq notices through a C callback; its lifetime is tied to the connection object.
private final class NoticeForwarder: @unchecked Sendable {
    let logger: Logger
    init(logger: Logger) { self.logger = logger }
    func log(_ message: String) {
        logger.info("postgres notice", metadata: ["notice": .string(message.trimmingCharacters(in: .whitespacesAndNewlines))])
    }
}

/// Calls `body` with a NUL-terminated array of C strings that live for the duration of the call.
private func withCStringArray<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let duplicates = strings.map { strdup($0) }
    defer { duplicates.forEach { free($0) } }
    return body(duplicates.map { UnsafePointer($0) } + [nil])
}
