/// An error from PostgreSQL or from talking to it.
///
/// Server errors carry the SQLSTATE so callers can branch on the condition (`23505` unique
/// violation, `40001` serialization failure) rather than on message text, which is localized.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The connection could not be established (refused, timed out, authentication failed).
        case connectionFailed
        /// The connection broke while a statement was in flight. The statement may or may not have
        /// been executed, so it is never retried automatically; the pool replaces the connection.
        case connectionLost
        /// The server rejected the statement; `sqlState` says why. The connection remains usable.
        case server
        /// A parameter cannot be sent (for instance text containing a NUL byte).
        case invalidParameter
        /// The connection was closed by this process.
        case closed
        /// libpq returned something this wrapper did not expect for the statement.
        case unexpectedResult
    }

    public let kind: Kind
    /// Five-character SQLSTATE, when the server sent one.
    public let sqlState: String?
    public let message: String
    public let detail: String?
    public let hint: String?
    /// `ERROR`, `FATAL`, ... when the server sent one.
    public let severity: String?

    public init(
        kind: Kind, message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil,
        severity: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.severity = severity
    }

    public var description: String {
        var text = "PostgreSQL \(kind)"
        if let sqlState { text += " \(sqlState)" }
        text += ": \(message)"
        if let detail { text += " (detail: \(detail))" }
        if let hint { text += " (hint: \(hint))" }
        return text
    }
}

extension PostgresError {
    /// SQLSTATE values callers commonly branch on.
    public enum SQLState {
        public static let uniqueViolation = "23505"
        public static let foreignKeyViolation = "23503"
        public static let notNullViolation = "23502"
        public static let undefinedTable = "42P01"
        public static let undefinedColumn = "42703"
        public static let syntaxError = "42601"
        public static let serializationFailure = "40001"
        public static let deadlockDetected = "40P01"
        public static let invalidTextRepresentation = "22P02"
        public static let queryCanceled = "57014"
        public static let adminShutdown = "57P01"
    }
}
