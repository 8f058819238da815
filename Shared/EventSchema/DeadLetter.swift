/// How a rejected input travels to `events_dlq`: the original bytes unchanged, and why, from
/// where, in headers (docs/CONTRACT.md). Kafka-agnostic so every service builds the same headers.
public struct DeadLetter: Sendable, Hashable {
    public var originalBytes: [UInt8]
    public var reason: String
    public var sourceService: String
    /// The topic the record was read from, when it came from Kafka (lake-writer's poison records).
    public var originalTopic: String?

    public init(originalBytes: [UInt8], reason: String, sourceService: String, originalTopic: String? = nil) {
        self.originalBytes = originalBytes
        self.reason = reason
        self.sourceService = sourceService
        self.originalTopic = originalTopic
    }

    /// Header name/value pairs in docs/CONTRACT.md's order.
    public var headers: [(name: String, value: String)] {
        var headers = [("reason", reason), ("source_service", sourceService)]
        if let originalTopic { headers.append(("original_topic", originalTopic)) }
        return headers
    }
}
