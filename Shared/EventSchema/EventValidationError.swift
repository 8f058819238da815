/// Why one event was rejected: the field at fault and a human sentence naming it.
///
/// `field` is the JSON key (`"played_at"`), or `"$"` when the event as a whole is at fault
/// (not JSON, not an object). `message` always starts with the field, e.g.
/// `played_at: must be an RFC 3339 timestamp, got "yesterday"`.
public struct EventValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A machine-readable category, for metrics and for tests that should not depend on wording.
    public enum Reason: String, Sendable, Hashable {
        case invalidJSON = "invalid_json"
        case notAnObject = "not_an_object"
        case missingField = "missing_field"
        case wrongType = "wrong_type"
        case invalidValue = "invalid_value"
        case tooLong = "too_long"
        case duplicateField = "duplicate_field"
        case unsupportedVersion = "unsupported_version"
        case inFuture = "in_future"
    }

    /// The field name used when the error concerns the whole event.
    public static let wholeEvent = "$"

    public let field: String
    public let reason: Reason
    public let message: String
    /// For invalid JSON: where the parser stopped, as a byte offset into the bytes given to the
    /// decoder (the whole request body when decoding a batch element) and its 1-based line.
    public let byteOffset: Int?
    public let line: Int?
    /// The event's event_id when it had been read before the error (best effort, for error reports).
    public internal(set) var eventID: String?
    /// For invalid JSON, the parser's complaint without the location (framing errors carry it apart).
    var syntaxDetail: String?

    public init(
        field: String, reason: Reason, message: String, byteOffset: Int? = nil, line: Int? = nil,
        eventID: String? = nil
    ) {
        self.field = field
        self.reason = reason
        self.message = message
        self.byteOffset = byteOffset
        self.line = line
        self.eventID = eventID
    }

    public var description: String { message }
}
