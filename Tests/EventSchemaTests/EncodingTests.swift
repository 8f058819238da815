import EventSchema
import Foundation
import Testing

@Suite("Canonical JSON encoding round-trips")
struct EncodingTests {
    @Test func sampleEncodesCanonically() throws {
        let event = try EventFixture.decode(EventFixture.sampleText)
        #expect(
            event.canonicalJSONString
                == #"{"event_id":"6f1c1a0e-2b9f-4d3e-9a51-6c7d8e9f0a1b","user_id":"user_0042","event_type":"play","track_id":"0VjIjW4GlUZAMYd2vXMi3b","track_name":"Blinding Lights","artist_name":"The Weeknd","album_name":"After Hours","duration_ms":200040,"played_at":"2025-11-18T14:23:15Z","device_type":"desktop","schema_version":1}"#
        )
    }

    @Test func everyFieldRoundTrips() throws {
        let event = ListeningEvent(
            eventID: UUID(), userID: "ü\"ser\\\n\u{1}", eventType: .skip, trackID: "spotify:track:abc_-1",
            playedAt: EventTimestamp(microsecondsSinceEpoch: 1_763_475_795_123_456), trackName: "Track 🎵",
            artistName: "Artist", durationMs: -3, albumName: "", deviceType: DeviceType(rawValue: "toaster"),
            msPlayed: 12, positionMs: Int.max, contextType: .radio, artistID: "a1", albumID: "b2",
            albumImageURL: "https://example.com/x.png?a=1&b=2", source: .spotifyCurrentlyPlaying, schemaVersion: 1
        )
        let decoded = try EventFixture.decode(event.canonicalJSON())
        #expect(decoded == event)
        #expect(decoded.canonicalJSON() == event.canonicalJSON())
    }

    @Test func canonicalJSONIsValidForFoundation() throws {
        let event = try EventFixture.decode(EventFixture.json(set: [("track_name", #""tab\there \u0007""#)]))
        let object = try JSONSerialization.jsonObject(with: Data(event.canonicalJSON())) as? [String: Any]
        #expect(object?["track_name"] as? String == "tab\there \u{7}")
    }

    @Test func offsetTimestampIsWrittenInUTC() throws {
        let event = try EventFixture.decode(EventFixture.json(set: [("played_at", #""2025-11-18T16:23:15.5+02:00""#)]))
        #expect(event.canonicalJSONString.contains(#""played_at":"2025-11-18T14:23:15.500Z""#))
    }
}
