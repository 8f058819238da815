import EventSchema
import Foundation

/// Builds test events from docs/CONTRACT.md's sample by replacing, removing or adding raw JSON members,
/// so each test states only what differs from a known-good event.
enum EventFixture {
    /// The reference instant for the "24 h in the future" rule: two days after the sample's played_at.
    static let now = EventTimestamp(rfc3339: "2025-11-20T00:00:00Z")!.date

    static let sampleText = """
        { "event_id": "6f1c1a0e-2b9f-4d3e-9a51-6c7d8e9f0a1b", "user_id": "user_0042", "event_type": "play",
          "track_id": "0VjIjW4GlUZAMYd2vXMi3b", "track_name": "Blinding Lights", "artist_name": "The Weeknd",
          "album_name": "After Hours", "duration_ms": 200040, "played_at": "2025-11-18T14:23:15Z",
          "device_type": "desktop" }
        """

    /// The sample as (key, raw JSON value) pairs, in order.
    static let sampleMembers: [(String, String)] = [
        ("event_id", #""6f1c1a0e-2b9f-4d3e-9a51-6c7d8e9f0a1b""#),
        ("user_id", #""user_0042""#),
        ("event_type", #""play""#),
        ("track_id", #""0VjIjW4GlUZAMYd2vXMi3b""#),
        ("track_name", #""Blinding Lights""#),
        ("artist_name", #""The Weeknd""#),
        ("album_name", #""After Hours""#),
        ("duration_ms", "200040"),
        ("played_at", #""2025-11-18T14:23:15Z""#),
        ("device_type", #""desktop""#),
    ]

    /// The sample with `set` members replaced (or appended when new), `remove` members dropped.
    static func json(set: [(String, String)] = [], remove: [String] = []) -> String {
        var members = sampleMembers.filter { !remove.contains($0.0) }
        for (key, value) in set {
            if let index = members.firstIndex(where: { $0.0 == key }) {
                members[index].1 = value
            } else {
                members.append((key, value))
            }
        }
        return "{" + members.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    static func decode(_ json: String) throws(EventValidationError) -> ListeningEvent {
        try ListeningEvent.decode(json, now: now)
    }

    static func decode(_ bytes: [UInt8]) throws(EventValidationError) -> ListeningEvent {
        try ListeningEvent.decode(bytes, now: now)
    }

    /// The error decoding `bytes` raises, or nil when it decodes.
    static func error(_ bytes: [UInt8]) -> EventValidationError? {
        do {
            _ = try decode(bytes)
            return nil
        } catch {
            return error
        }
    }
}
