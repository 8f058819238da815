import EventSchema
import Testing

/// One rejected input: what is wrong, and the field and reason the validator must name.
struct InvalidCase: CustomTestStringConvertible, Sendable {
    let name: String
    let bytes: [UInt8]
    let field: String
    let reason: EventValidationError.Reason
    /// A fragment the human message must contain, so the wording stays specific.
    let mentions: String

    init(_ name: String, _ json: String, _ field: String, _ reason: EventValidationError.Reason, mentions: String) {
        self.init(name, Array(json.utf8), field, reason, mentions: mentions)
    }

    init(_ name: String, _ bytes: [UInt8], _ field: String, _ reason: EventValidationError.Reason, mentions: String) {
        self.name = name
        self.bytes = bytes
        self.field = field
        self.reason = reason
        self.mentions = mentions
    }

    var testDescription: String { name }
}

private func json(set: [(String, String)] = [], remove: [String] = []) -> String {
    EventFixture.json(set: set, remove: remove)
}

/// The sample with one member's raw bytes replaced (for byte sequences a Swift String cannot hold).
private func bytes(trackName: [UInt8]) -> [UInt8] {
    let marker = "TRACKNAME"
    let text = json(set: [("track_name", "\"\(marker)\"")])
    let parts = text.components(separatedBy: marker)
    return Array(parts[0].utf8) + trackName + Array(parts[1].utf8)
}

private let whole = EventValidationError.wholeEvent

let invalidCorpus: [InvalidCase] = [
    // Not JSON / not an object
    InvalidCase("empty input", "", whole, .invalidJSON, mentions: "end of the input"),
    InvalidCase("plain text", "hello", whole, .invalidJSON, mentions: "line 1, column 1"),
    InvalidCase("array instead of object", "[1,2]", whole, .notAnObject, mentions: "got an array"),
    InvalidCase("string instead of object", "\"event\"", whole, .notAnObject, mentions: "must be a JSON object"),
    InvalidCase("truncated object", String(json().dropLast(5)), whole, .invalidJSON, mentions: "unterminated string"),
    InvalidCase("trailing garbage", json() + " x", whole, .invalidJSON, mentions: "unexpected data after the event"),
    InvalidCase("two objects", json() + json(), whole, .invalidJSON, mentions: "unexpected data after the event"),
    InvalidCase("trailing comma", String(json().dropLast()) + ",}", whole, .invalidJSON, mentions: "field name"),
    InvalidCase("single quotes", "{'event_id': 1}", whole, .invalidJSON, mentions: "field name in double quotes"),
    InvalidCase("NaN literal", json(set: [("extra", "NaN")]), whole, .invalidJSON, mentions: "NaN and Infinity"),
    InvalidCase("Infinity literal", json(set: [("duration_ms", "-Infinity")]), whole, .invalidJSON, mentions: "NaN and Infinity"),
    InvalidCase("leading zero", json(set: [("extra", "0123")]), whole, .invalidJSON, mentions: "leading zero"),
    InvalidCase("lone high surrogate", json(set: [("track_name", #""a\ud83d b""#)]), whole, .invalidJSON, mentions: "lone high surrogate"),
    InvalidCase("lone low surrogate", json(set: [("extra", #""\udc00""#)]), whole, .invalidJSON, mentions: "lone low surrogate"),
    InvalidCase("bad escape", json(set: [("track_name", #""a\qb""#)]), whole, .invalidJSON, mentions: "invalid escape"),
    InvalidCase("raw newline in string", json(set: [("track_name", "\"a\nb\"")]), whole, .invalidJSON, mentions: "control character"),
    InvalidCase("invalid UTF-8 byte", bytes(trackName: [0x61, 0xFF]), whole, .invalidJSON, mentions: "invalid UTF-8"),
    InvalidCase("overlong UTF-8", bytes(trackName: [0xC0, 0xAF]), whole, .invalidJSON, mentions: "invalid UTF-8"),
    InvalidCase("UTF-8 encoded surrogate", bytes(trackName: [0xED, 0xA0, 0x80]), whole, .invalidJSON, mentions: "invalid UTF-8"),
    InvalidCase(
        "nesting too deep", json(set: [("extra", String(repeating: "[", count: 100) + String(repeating: "]", count: 100))]),
        whole, .invalidJSON, mentions: "nesting deeper than"),

    // Missing required fields
    InvalidCase("missing event_id", json(remove: ["event_id"]), "event_id", .missingField, mentions: "event_id: is required"),
    InvalidCase("missing user_id", json(remove: ["user_id"]), "user_id", .missingField, mentions: "user_id: is required"),
    InvalidCase("missing event_type", json(remove: ["event_type"]), "event_type", .missingField, mentions: "is required"),
    InvalidCase("missing track_id", json(remove: ["track_id"]), "track_id", .missingField, mentions: "is required"),
    InvalidCase("missing played_at", json(remove: ["played_at"]), "played_at", .missingField, mentions: "is required"),
    InvalidCase("play without track_name", json(remove: ["track_name"]), "track_name", .missingField, mentions: "required for play events"),
    InvalidCase("play without artist_name", json(remove: ["artist_name"]), "artist_name", .missingField, mentions: "required for play events"),
    InvalidCase("play without duration_ms", json(remove: ["duration_ms"]), "duration_ms", .missingField, mentions: "required for play events"),
    InvalidCase("play with null duration_ms", json(set: [("duration_ms", "null")]), "duration_ms", .missingField, mentions: "must not be null"),

    // Wrong JSON types
    InvalidCase("duration_ms fraction", json(set: [("duration_ms", "1.5")]), "duration_ms", .wrongType, mentions: "must be an integer, got 1.5"),
    InvalidCase("duration_ms string", json(set: [("duration_ms", #""200""#)]), "duration_ms", .wrongType, mentions: #"must be an integer, got "200""#),
    InvalidCase("duration_ms exponent", json(set: [("duration_ms", "1e20")]), "duration_ms", .wrongType, mentions: "got 1e20"),
    InvalidCase("duration_ms 200040.0", json(set: [("duration_ms", "200040.0")]), "duration_ms", .wrongType, mentions: "must be an integer"),
    InvalidCase("duration_ms huge", json(set: [("duration_ms", "123456789012345678901234567890")]), "duration_ms", .invalidValue, mentions: "64-bit range"),
    InvalidCase("ms_played boolean", json(set: [("ms_played", "true")]), "ms_played", .wrongType, mentions: "got true"),
    InvalidCase("user_id number", json(set: [("user_id", "42")]), "user_id", .wrongType, mentions: "user_id: must be a string, got 42"),
    InvalidCase("user_id null", json(set: [("user_id", "null")]), "user_id", .wrongType, mentions: "got null"),
    InvalidCase("track_name object", json(set: [("track_name", "{}")]), "track_name", .wrongType, mentions: "got an object"),
    InvalidCase("played_at number", json(set: [("played_at", "1731939795")]), "played_at", .wrongType, mentions: "must be a string"),

    // Bad values
    InvalidCase("event_id not a UUID", json(set: [("event_id", #""abc""#)]), "event_id", .invalidValue, mentions: #"must be a UUID like"#),
    InvalidCase("event_id without dashes", json(set: [("event_id", #""6f1c1a0e2b9f4d3e9a516c7d8e9f0a1b""#)]), "event_id", .invalidValue, mentions: "UUID"),
    InvalidCase("event_id with braces", json(set: [("event_id", #""{6f1c1a0e-2b9f-4d3e-9a51-6c7d8e9f0a1b}""#)]), "event_id", .invalidValue, mentions: "UUID"),
    InvalidCase("event_id non-hex", json(set: [("event_id", #""6f1c1a0e-2b9f-4d3e-9a51-6c7d8e9f0a1g""#)]), "event_id", .invalidValue, mentions: "UUID"),
    InvalidCase("unknown event_type", json(set: [("event_type", #""pause""#)]), "event_type", .invalidValue, mentions: #"must be one of play, skip, like, now_playing, got "pause""#),
    InvalidCase("event_type wrong case", json(set: [("event_type", #""PLAY""#)]), "event_type", .invalidValue, mentions: "must be one of"),
    InvalidCase("empty user_id", json(set: [("user_id", #""""#)]), "user_id", .invalidValue, mentions: "must not be empty"),
    InvalidCase("user_id too long", json(set: [("user_id", "\"" + String(repeating: "u", count: 129) + "\"")]), "user_id", .tooLong, mentions: "at most 128 characters, got 129"),
    InvalidCase("empty track_id", json(set: [("track_id", #""""#)]), "track_id", .invalidValue, mentions: "must not be empty"),
    InvalidCase("track_id too long", json(set: [("track_id", "\"" + String(repeating: "a", count: 65) + "\"")]), "track_id", .tooLong, mentions: "at most 64"),
    InvalidCase("track_id bad characters", json(set: [("track_id", #""track id!""#)]), "track_id", .invalidValue, mentions: "only letters, digits"),
    InvalidCase("artist_id bad characters", json(set: [("artist_id", #""a/b""#)]), "artist_id", .invalidValue, mentions: "only letters"),
    InvalidCase("track_name too long", json(set: [("track_name", "\"" + String(repeating: "é", count: 1025) + "\"")]), "track_name", .tooLong, mentions: "at most 1024 characters, got 1025"),
    InvalidCase("album_image_url too long", json(set: [("album_image_url", "\"https://" + String(repeating: "x", count: 2100) + "\"")]), "album_image_url", .tooLong, mentions: "at most 2048"),
    InvalidCase("device_type too long", json(set: [("device_type", "\"" + String(repeating: "d", count: 65) + "\"")]), "device_type", .tooLong, mentions: "at most 64"),
    InvalidCase("empty device_type", json(set: [("device_type", #""""#)]), "device_type", .invalidValue, mentions: "must not be empty"),
    InvalidCase("NUL in track_name", json(set: [("track_name", #""a\u0000b""#)]), "track_name", .invalidValue, mentions: "NUL"),
    InvalidCase("unknown context_type", json(set: [("context_type", #""podcast""#)]), "context_type", .invalidValue, mentions: "must be one of playlist"),
    InvalidCase("unknown source", json(set: [("source", #""kafka""#)]), "source", .invalidValue, mentions: "must be one of simulator"),
    InvalidCase("played_at words", json(set: [("played_at", #""yesterday""#)]), "played_at", .invalidValue, mentions: #"must be an RFC 3339 timestamp like 2025-11-18T14:23:15Z, got "yesterday""#),
    InvalidCase("played_at without offset", json(set: [("played_at", #""2025-11-18T14:23:15""#)]), "played_at", .invalidValue, mentions: "RFC 3339"),
    InvalidCase("played_at with space", json(set: [("played_at", #""2025-11-18 14:23:15Z""#)]), "played_at", .invalidValue, mentions: "RFC 3339"),
    InvalidCase("played_at Feb 30", json(set: [("played_at", #""2025-02-30T00:00:00Z""#)]), "played_at", .invalidValue, mentions: "RFC 3339"),
    InvalidCase("played_at hour 24", json(set: [("played_at", #""2025-11-18T24:00:00Z""#)]), "played_at", .invalidValue, mentions: "RFC 3339"),
    InvalidCase("played_at empty fraction", json(set: [("played_at", #""2025-11-18T14:23:15.Z""#)]), "played_at", .invalidValue, mentions: "RFC 3339"),
    InvalidCase("played_at epoch millis string", json(set: [("played_at", #""1731939795000""#)]), "played_at", .invalidValue, mentions: "RFC 3339"),
    InvalidCase("played_at 25 h ahead", json(set: [("played_at", #""2025-11-21T01:00:01Z""#)]), "played_at", .inFuture, mentions: "more than 24 hours in the future"),
    InvalidCase("played_at ahead via offset", json(set: [("played_at", #""2025-11-21T00:30:00-01:00""#)]), "played_at", .inFuture, mentions: "2025-11-21T01:30:00Z"),
    InvalidCase("schema_version 2", json(set: [("schema_version", "2")]), "schema_version", .unsupportedVersion, mentions: "version 2 is not supported"),
    InvalidCase("schema_version string", json(set: [("schema_version", #""1""#)]), "schema_version", .wrongType, mentions: "must be an integer"),
    InvalidCase("duplicate user_id", json(set: [("user_id", #""a", "user_id": "b""#)]), "user_id", .duplicateField, mentions: "appears more than once"),
    InvalidCase("duplicate via escaped key", json(set: [("user\\u005fid", #""b""#)]), "user_id", .duplicateField, mentions: "more than once"),
]

@Suite("Invalid events are rejected with the field and the reason")
struct InvalidEventTests {
    @Test(arguments: invalidCorpus)
    func rejects(_ testCase: InvalidCase) {
        let error = EventFixture.error(testCase.bytes)
        #expect(error?.field == testCase.field)
        #expect(error?.reason == testCase.reason)
        #expect(error?.message.contains(testCase.mentions) == true, "message was: \(error?.message ?? "no error")")
        if let error, testCase.field != EventValidationError.wholeEvent {
            #expect(error.message.hasPrefix("\(testCase.field): "), "message must start with the field: \(error.message)")
        }
    }

    @Test func corpusIsLargeEnough() {
        #expect(invalidCorpus.count >= 30)
    }

    @Test func errorCarriesEventIDReadBeforeTheProblem() {
        let error = EventFixture.error(Array(EventFixture.json(set: [("duration_ms", "1.5")]).utf8))
        #expect(error?.eventID == "6f1c1a0e-2b9f-4d3e-9a51-6c7d8e9f0a1b")
    }

    @Test func invalidJSONErrorNamesLineAndOffset() throws {
        let text = "{\n  \"extra\": 1,\n  oops\n}"
        let error = try #require(EventFixture.error(Array(text.utf8)))
        #expect(error.reason == .invalidJSON)
        #expect(error.line == 3)
        #expect(error.byteOffset == 18)
        #expect(error.message.contains("line 3, column 3 (byte 18)"))
    }

    @Test func hugeStringIsQuotedBriefly() throws {
        let long = String(repeating: "z", count: 100_000)
        let error = try #require(EventFixture.error(Array(EventFixture.json(set: [("event_type", "\"\(long)\"")]).utf8)))
        #expect(error.message.count < 200)
    }

    @Test func deepNestingAtTopLevelIsAnErrorNotACrash() {
        let deep = "{\"x\":" + String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_001)
        #expect(EventFixture.error(Array(deep.utf8))?.reason == .invalidJSON)
    }
}
