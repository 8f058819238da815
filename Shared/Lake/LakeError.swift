/// A lake operation that failed: which operation, which key, and why.
public struct LakeError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case notFound
        /// Worth retrying: I/O hiccup, S3 5xx or throttling, connection refused.
        case transient
        /// Retrying will not help: access denied, bad configuration, invalid key.
        case permanent
    }

    public let kind: Kind
    public let operation: String
    public let key: String
    public let reason: String

    public init(_ kind: Kind, operation: String, key: String, reason: String) {
        self.kind = kind
        self.operation = operation
        self.key = key
        self.reason = reason
    }

    public var description: String { "lake \(operation) \(key): \(reason)" }
}
