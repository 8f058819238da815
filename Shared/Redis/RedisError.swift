/// What went wrong talking to Redis. Connection-level cases name the server's host:port.
public enum RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connection could be made (refused, unresolvable host, authentication or SELECT failed).
    case connectionFailed(endpoint: String, reason: String)
    /// Connecting or waiting for a reply took longer than the configured timeout. After a
    /// command timeout the command may still run on the server.
    case timedOut(endpoint: String, operation: String)
    /// The connection broke while a command was in flight; the command may have been executed,
    /// so it is not retried. The next call reconnects.
    case connectionLost(endpoint: String, reason: String)
    /// The server answered with an error reply (`ERR ...`, `WRONGTYPE ...`).
    case server(String)
    /// The reply could not be parsed, or had a shape the command does not produce.
    case protocolError(String)
    /// `REDIS_URL` is not a usable redis:// URL.
    case invalidURL(String)

    public var description: String {
        switch self {
        case .connectionFailed(let endpoint, let reason): "cannot connect to Redis at \(endpoint): \(reason)"
        case .timedOut(let endpoint, let operation): "Redis at \(endpoint) timed out (\(operation))"
        case .connectionLost(let endpoint, let reason): "connection to Redis at \(endpoint) lost: \(reason)"
        case .server(let message): "Redis error: \(message)"
        case .protocolError(let message): "Redis protocol error: \(message)"
        case .invalidURL(let message): "invalid Redis URL: \(message)"
        }
    }
}
