/// How a request body carries its events (docs/CONTRACT.md `POST /v1/events`).
public enum EventBatchFraming: Sendable, Hashable {
    /// The body is one JSON event.
    case single
    /// The body is a JSON array of events.
    case array
    /// One event per line (`application/x-ndjson`); blank lines are ignored, CRLF is accepted.
    case ndjson

    /// NDJSON when the content type says so, otherwise an array when the body's first
    /// non-whitespace byte is `[`, otherwise a single event.
    public static func detect(contentType: String?, body: UnsafeRawBufferPointer) -> EventBatchFraming {
        if let contentType, contentType.lowercased().hasPrefix("application/x-ndjson") { return .ndjson }
        for byte in body where !JSONReader.isWhitespace(byte) {
            return byte == UInt8(ascii: "[") ? .array : .single
        }
        return .single
    }
}
