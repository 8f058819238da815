/// A request that produced no HTTP response, with the URL and the cause.
///
/// HTTP error statuses (4xx, 5xx) are responses, not errors: callers decide what they mean.
public struct HTTPClientError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The host name did not resolve.
        case dnsFailure = "DNS lookup failed"
        /// Nothing accepted the connection (refused, host or network unreachable).
        case connectionFailed = "could not connect"
        /// No connection within the connect timeout.
        case connectTimeout = "connect timed out"
        /// Connected, but the whole exchange exceeded the total timeout.
        case timeout = "timed out"
        /// Handshake or certificate verification failed.
        case tls = "TLS failure"
        /// The connection broke mid-exchange or the server closed it without answering.
        case connectionLost = "connection lost"
        /// The response body exceeded the client's limit.
        case responseTooLarge = "response too large"
        /// The URL is malformed or its scheme unsupported.
        case invalidURL = "invalid URL"
        /// Anything else libcurl reports.
        case other = "request failed"
    }

    public let kind: Kind
    public let method: HTTPMethod
    public let url: String
    /// libcurl's own explanation, e.g. "Failed to connect to 127.0.0.1 port 1: Connection refused".
    public let detail: String

    public init(kind: Kind, method: HTTPMethod, url: String, detail: String) {
        self.kind = kind
        self.method = method
        self.url = url
        self.detail = detail
    }

    public var description: String { "\(method) \(url): \(kind.rawValue) (\(detail))" }
}
