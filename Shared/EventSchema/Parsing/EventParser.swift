import Foundation

/// Reads one event object field by field, validating each value as it is read, then checks
/// the rules that span fields (required per type). The first problem found is reported.
///
/// Duplicate keys: a known field that appears twice is rejected. Parsers disagree on which
/// copy wins, and the original bytes travel on to other readers (Kafka consumers, pyarrow,
/// dbt), so accepting them would let two parts of the platform see two different events.
/// Unknown fields are skipped without tracking, so their duplicates are not detected.
struct EventParser {
    private var reader: JSONReader
    private let latestAcceptedPlayedAt: Int64
    private var seen: UInt32 = 0

    private var eventID: UUID?
    private var userID: String?
    private var eventType: EventType?
    private var trackID: String?
    private var playedAt: EventTimestamp?
    private var trackName: String?
    private var artistName: String?
    private var durationMs: Int?
    private var albumName: String?
    private var deviceType: DeviceType?
    private var msPlayed: Int?
    private var positionMs: Int?
    private var contextType: ContextType?
    private var artistID: String?
    private var albumID: String?
    private var albumImageURL: String?
    private var source: EventSource?
    private var schemaVersion = 1

    init(bytes: UnsafeRawBufferPointer, range: Range<Int>, now: Date) {
        reader = JSONReader(bytes: bytes, range: range)
        latestAcceptedPlayedAt = EventTimestamp(now).microsecondsSinceEpoch + EventLimits.maxFutureSkewSeconds * 1_000_000
    }

    mutating func parse() throws(EventValidationError) -> ListeningEvent {
        do {
            try readObject()
            return try assemble()
        } catch {
            var error = error
            error.eventID = eventID?.uuidString.lowercased()
            throw error
        }
    }

    // MARK: Structure

    private mutating func readObject() throws(EventValidationError) {
        reader.skipWhitespace()
        guard reader.current == UInt8(ascii: "{") else { throw notAnObject() }
        reader.position += 1
        reader.skipWhitespace()
        if reader.current == UInt8(ascii: "}") {
            reader.position += 1
        } else {
            while true {
                try readMember()
                reader.skipWhitespace()
                if reader.current == UInt8(ascii: ",") {
                    reader.position += 1
                    reader.skipWhitespace()
                    continue
                }
                try reader.expect(UInt8(ascii: "}"), "',' or '}'")
                break
            }
        }
        reader.skipWhitespace()
        guard reader.isAtEnd else { throw reader.syntaxError("unexpected data after the event", at: reader.position) }
    }

    private mutating func readMember() throws(EventValidationError) {
        guard reader.current == UInt8(ascii: "\"") else { throw reader.unexpected(expected: "a field name in double quotes") }
        let field = try reader.readString { (key) throws(EventValidationError) in EventField.lookup(key) }
        reader.skipWhitespace()
        try reader.expect(UInt8(ascii: ":"), "':' after a field name")
        reader.skipWhitespace()
        guard let field else {
            try reader.skipValue(depth: 1)
            return
        }
        guard seen & field.bit == 0 else {
            throw FieldRules.error(field, .duplicateField, "appears more than once")
        }
        seen |= field.bit
        try readValue(of: field)
    }

    private func notAnObject() -> EventValidationError {
        guard let byte = reader.current else {
            return reader.syntaxError("expected a JSON object, found the end of the input", at: reader.position)
        }
        let startsValue = "[\"-0123456789tfn".utf8.contains(byte)
        guard startsValue else { return reader.unexpected(expected: "a JSON object") }
        return EventValidationError(
            field: EventValidationError.wholeEvent, reason: .notAnObject,
            message: "event must be a JSON object, got \(reader.describeCurrentValue())"
        )
    }

    // MARK: Fields

    private mutating func readValue(of field: EventField) throws(EventValidationError) {
        // null means "absent" for optional fields; for the always-required ones it is a type error.
        if reader.current == UInt8(ascii: "n"), !Self.alwaysRequired.contains(field) {
            _ = try reader.scanLiteral()
            return
        }
        switch field {
        case .eventID: eventID = try readString(field) { (bytes) throws(EventValidationError) in try FieldRules.uuid(bytes, field: field) }
        case .userID: userID = try readText(field, limits: EventLimits.userID)
        case .eventType: eventType = try readString(field) { (bytes) throws(EventValidationError) in try FieldRules.oneOf(bytes, field: field, EventType.self) }
        case .trackID: trackID = try readIdentifier(field)
        case .playedAt: playedAt = try readPlayedAt()
        case .trackName: trackName = try readText(field, limits: EventLimits.name)
        case .artistName: artistName = try readText(field, limits: EventLimits.name)
        case .albumName: albumName = try readText(field, limits: EventLimits.name)
        case .durationMs: durationMs = try readInteger(field)
        case .deviceType: deviceType = DeviceType(rawValue: try readText(field, limits: EventLimits.deviceType))
        case .msPlayed: msPlayed = try readInteger(field)
        case .positionMs: positionMs = try readInteger(field)
        case .contextType: contextType = try readString(field) { (bytes) throws(EventValidationError) in try FieldRules.oneOf(bytes, field: field, ContextType.self) }
        case .artistID: artistID = try readIdentifier(field)
        case .albumID: albumID = try readIdentifier(field)
        case .albumImageURL: albumImageURL = try readText(field, limits: EventLimits.url)
        case .source: source = try readString(field) { (bytes) throws(EventValidationError) in try FieldRules.oneOf(bytes, field: field, EventSource.self) }
        case .schemaVersion: schemaVersion = try readSchemaVersion()
        }
    }

    private static let alwaysRequired: [EventField] = [.eventID, .userID, .eventType, .trackID, .playedAt]

    private mutating func readString<Value>(
        _ field: EventField, _ rule: (UnsafeRawBufferPointer) throws(EventValidationError) -> Value
    ) throws(EventValidationError) -> Value {
        guard reader.current == UInt8(ascii: "\"") else {
            throw FieldRules.error(field, .wrongType, "must be a string, got \(reader.describeCurrentValue())")
        }
        return try reader.readString(rule)
    }

    private mutating func readText(_ field: EventField, limits: ClosedRange<Int>) throws(EventValidationError) -> String {
        let text = try readString(field) { (bytes) throws(EventValidationError) in
            try FieldRules.text(bytes, field: field, limits: limits)
        }
        // PostgreSQL text cannot hold NUL, so bronze could not load it.
        if reader.lastStringHadNUL { throw FieldRules.error(field, .invalidValue, "must not contain the NUL character (\\u0000)") }
        return text
    }

    private mutating func readIdentifier(_ field: EventField) throws(EventValidationError) -> String {
        try readString(field) { (bytes) throws(EventValidationError) in try FieldRules.identifier(bytes, field: field) }
    }

    private mutating func readPlayedAt() throws(EventValidationError) -> EventTimestamp {
        let timestamp = try readString(.playedAt) { (bytes) throws(EventValidationError) in
            try FieldRules.timestamp(bytes, field: .playedAt)
        }
        if timestamp.microsecondsSinceEpoch > latestAcceptedPlayedAt {
            throw FieldRules.error(.playedAt, .inFuture, "must not be more than 24 hours in the future, got \(timestamp.rfc3339)")
        }
        return timestamp
    }

    /// A JSON integer within Int64: fractions and exponents (1.5, 200040.0, 1e20) are type errors.
    private mutating func readInteger(_ field: EventField) throws(EventValidationError) -> Int {
        guard let first = reader.current, first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            throw FieldRules.error(field, .wrongType, "must be an integer, got \(reader.describeCurrentValue())")
        }
        let (range, isInteger) = try reader.scanNumber()
        let literal = UnsafeRawBufferPointer(rebasing: reader.bytes[range])
        guard isInteger else {
            throw FieldRules.error(field, .wrongType, "must be an integer, got \(TextSnippet.plain(literal))")
        }
        let negative = literal[0] == UInt8(ascii: "-")
        var value = 0
        for byte in literal.dropFirst(negative ? 1 : 0) {
            let digit = Int(byte - UInt8(ascii: "0"))
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else {
                throw FieldRules.error(field, .invalidValue, "must be an integer within 64-bit range, got \(TextSnippet.plain(literal))")
            }
            value = next
        }
        return value
    }

    private mutating func readSchemaVersion() throws(EventValidationError) -> Int {
        let version = try readInteger(.schemaVersion)
        guard EventLimits.supportedSchemaVersions.contains(version) else {
            let supported = EventLimits.supportedSchemaVersions.map(String.init).joined(separator: ", ")
            throw FieldRules.error(.schemaVersion, .unsupportedVersion, "version \(version) is not supported (supported: \(supported))")
        }
        return version
    }

    // MARK: Cross-field rules

    private func assemble() throws(EventValidationError) -> ListeningEvent {
        guard let eventID else { throw missing(.eventID) }
        guard let userID else { throw missing(.userID) }
        guard let eventType else { throw missing(.eventType) }
        guard let trackID else { throw missing(.trackID) }
        guard let playedAt else { throw missing(.playedAt) }
        if eventType == .play {
            if trackName == nil { throw missing(.trackName, for: .play) }
            if artistName == nil { throw missing(.artistName, for: .play) }
            if durationMs == nil { throw missing(.durationMs, for: .play) }
        }
        return ListeningEvent(
            eventID: eventID, userID: userID, eventType: eventType, trackID: trackID, playedAt: playedAt,
            trackName: trackName, artistName: artistName, durationMs: durationMs, albumName: albumName,
            deviceType: deviceType, msPlayed: msPlayed, positionMs: positionMs, contextType: contextType,
            artistID: artistID, albumID: albumID, albumImageURL: albumImageURL, source: source,
            schemaVersion: schemaVersion
        )
    }

    private func missing(_ field: EventField, for type: EventType? = nil) -> EventValidationError {
        let wasNull = seen & field.bit != 0
        let detail = wasNull ? "must not be null" : "is required"
        return FieldRules.error(field, .missingField, type.map { "\(detail) for \($0.rawValue) events" } ?? detail)
    }
}
