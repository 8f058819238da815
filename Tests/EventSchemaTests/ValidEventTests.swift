import EventSchema
import Foundation
import Testing

@Suite("Valid events decode, including the oddities bronze keeps")
struct ValidEventTests {
    @Test func specSampleDecodesEveryField() throws {
        let event = try EventFixture.decode(EventFixture.sampleText)
        #expect(event.eventID == UUID(uuidString: "6f1c1a0e-2b9f-4d3e-9a51-6c7d8e9f0a1b"))
        #expect(event.userID == "user_0042")
        #expect(event.eventType == .play)
        #expect(event.trackID == "0VjIjW4GlUZAMYd2vXMi3b")
        #expect(event.trackName == "Blinding Lights")
        #expect(event.artistName == "The Weeknd")
        #expect(event.albumName == "After Hours")
        #expect(event.durationMs == 200_040)
        #expect(event.playedAt.rfc3339 == "2025-11-18T14:23:15Z")
        #expect(event.deviceType == .desktop)
        #expect(event.schemaVersion == 1)
        #expect(event.source == nil)
    }

    /// skip, like and now_playing need only the fields common to every type.
    @Test(arguments: [EventType.skip, .like, .nowPlaying])
    func nonPlayTypesNeedOnlyTheCommonFields(_ type: EventType) throws {
        let json = EventFixture.json(
            set: [("event_type", "\"\(type.rawValue)\"")], remove: ["track_name", "artist_name", "duration_ms", "album_name", "device_type"])
        let event = try EventFixture.decode(json)
        #expect(event.eventType == type)
        #expect(event.trackName == nil)
    }

    @Test func everyOptionalField() throws {
        let json = EventFixture.json(set: [
            ("event_type", #""skip""#), ("ms_played", "15000"), ("position_ms", "15000"), ("context_type", #""playlist""#),
            ("artist_id", #""spotify:artist:1Xyo4u8uXC1ZmMpatF05PJ""#), ("album_id", #""4yP0hdKOZPNshxUOjY0cZj""#),
            ("album_image_url", #""https://i.scdn.co/image/ab67616d0000b273""#), ("source", #""spotify_recently_played""#),
            ("schema_version", "1"),
        ])
        let event = try EventFixture.decode(json)
        #expect(event.msPlayed == 15000)
        #expect(event.positionMs == 15000)
        #expect(event.contextType == .playlist)
        #expect(event.artistID == "spotify:artist:1Xyo4u8uXC1ZmMpatF05PJ")
        #expect(event.albumID == "4yP0hdKOZPNshxUOjY0cZj")
        #expect(event.albumImageURL == "https://i.scdn.co/image/ab67616d0000b273")
        #expect(event.source == .spotifyRecentlyPlayed)
    }

    @Test func nullOptionalFieldsAreAbsent() throws {
        let event = try EventFixture.decode(EventFixture.json(set: [("album_name", "null"), ("device_type", "null"), ("ms_played", "null")]))
        #expect(event.albumName == nil)
        #expect(event.deviceType == nil)
        #expect(event.msPlayed == nil)
    }

    @Test func unknownFieldsOfAnyShapeAreIgnored() throws {
        let json = EventFixture.json(set: [
            ("client", #"{"version": "1.2.3", "flags": [true, false, null, -1.5e-3, {"deep": []}]}"#),
            ("note", #""caf\u00e9 \ud83c\udfb5 \"quoted\"""#), ("extra", "null"),
        ])
        #expect(try EventFixture.decode(json).userID == "user_0042")
    }

    @Test(arguments: [
        ("duration_ms", "0"), ("duration_ms", "-5"), ("duration_ms", "600000"), ("duration_ms", "9223372036854775807"),
        ("played_at", #""1970-01-01T00:00:00Z""#), ("played_at", #""2025-11-20T23:59:59Z""#),
        ("device_type", #""smart_fridge""#), ("track_name", #""""#), ("ms_played", "-1"),
    ])
    func semanticOdditiesAreAccepted(_ member: (String, String)) throws {
        _ = try EventFixture.decode(EventFixture.json(set: [member]))
    }

    @Test func unknownDeviceIsKeptAndFlagged() throws {
        let event = try EventFixture.decode(EventFixture.json(set: [("device_type", #""smart_fridge""#)]))
        #expect(event.deviceType?.rawValue == "smart_fridge")
        #expect(event.deviceType?.isKnown == false)
        #expect(DeviceType.car.isKnown)
    }

    @Test func escapedStringsAreDecoded() throws {
        let event = try EventFixture.decode(EventFixture.json(set: [("track_name", #""Caf\u00e9 \"Live\" \ud83c\udfb5\/\t""#)]))
        #expect(event.trackName == "Café \"Live\" 🎵/\t")
    }

    @Test func limitsAreInclusive() throws {
        let event = try EventFixture.decode(EventFixture.json(set: [
            ("user_id", "\"" + String(repeating: "ü", count: 128) + "\""),
            ("track_id", "\"" + String(repeating: "a", count: 64) + "\""),
            ("track_name", "\"" + String(repeating: "名", count: 1024) + "\""),
        ]))
        #expect(event.userID.unicodeScalars.count == 128)
    }

    @Test func uppercaseUUIDIsAccepted() throws {
        let event = try EventFixture.decode(EventFixture.json(set: [("event_id", #""6F1C1A0E-2B9F-4D3E-9A51-6C7D8E9F0A1B""#)]))
        #expect(event.eventIDString == "6f1c1a0e-2b9f-4d3e-9a51-6c7d8e9f0a1b")
    }

    @Test func whitespaceAroundTheEventIsAllowed() throws {
        _ = try EventFixture.decode(" \r\n\t" + EventFixture.sampleText + "\n\n")
    }

    @Test func exactly24HoursAheadIsAccepted() throws {
        _ = try EventFixture.decode(EventFixture.json(set: [("played_at", #""2025-11-21T00:00:00Z""#)]))
    }
}
