import EventSchema
import Foundation
import Testing

@testable import Poller

/// Spotify JSON (shaped like the documented payloads) to the event schema.
@Suite("mapping Spotify's JSON to events")
struct SpotifyEventMapperTests {
    static let track = #"""
        {"album":{"album_type":"album","id":"4yP0hdKOZPNshxUOjY0cZj","name":"After Hours","images":[{"url":"https://i.scdn.co/image/big","height":640,"width":640},{"url":"https://i.scdn.co/image/small","height":64,"width":64}],"release_date":"2020-03-20","type":"album","uri":"spotify:album:4yP0hdKOZPNshxUOjY0cZj","artists":[]},
         "artists":[{"id":"1Xyo4u8uXC1ZmMpatF05PJ","name":"The Weeknd","type":"artist","href":null,"uri":"spotify:artist:1Xyo4u8uXC1ZmMpatF05PJ"},{"id":"x","name":"Second","type":"artist"}],
         "duration_ms":200040,"explicit":false,"id":"0VjIjW4GlUZAMYd2vXMi3b","is_local":false,"name":"Blinding Lights","preview_url":null,"type":"track","popularity":90}
        """#

    func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: Data(json.utf8))
    }

    @Test("a recently-played item becomes a play event with every mapped field")
    func play() throws {
        let item = try decode(SpotifyRecentlyPlayed.Item.self, #"{"track":\#(Self.track),"played_at":"2025-11-18T14:23:15.123Z","context":{"type":"playlist","uri":"spotify:playlist:1","href":null,"external_urls":{}}}"#)
        let event = try #require(SpotifyEventMapper.play(item, userID: "listener"))
        #expect(event.eventType == .play)
        #expect(event.userID == "listener")
        #expect(event.trackID == "0VjIjW4GlUZAMYd2vXMi3b")
        #expect(event.trackName == "Blinding Lights")
        #expect(event.artistName == "The Weeknd")
        #expect(event.artistID == "1Xyo4u8uXC1ZmMpatF05PJ")
        #expect(event.albumName == "After Hours")
        #expect(event.albumID == "4yP0hdKOZPNshxUOjY0cZj")
        #expect(event.albumImageURL == "https://i.scdn.co/image/big")
        #expect(event.durationMs == 200040)
        #expect(event.playedAt.rfc3339 == "2025-11-18T14:23:15.123Z")
        #expect(event.contextType == .playlist)
        #expect(event.deviceType == nil)
        #expect(event.source == .spotifyRecentlyPlayed)
        // Same user, track and instant → same id, however the timestamp is written.
        let again = try decode(SpotifyRecentlyPlayed.Item.self, #"{"track":\#(Self.track),"played_at":"2025-11-18T15:23:15.123+01:00","context":null}"#)
        #expect(SpotifyEventMapper.play(again, userID: "listener")?.eventID == event.eventID)
        #expect(SpotifyEventMapper.play(again, userID: "someone_else")?.eventID != event.eventID)
    }

    @Test("null context, missing images and unknown context types are handled")
    func nullableFields() throws {
        let bare = Self.track.replacingOccurrences(of: #""images":[{"url":"https://i.scdn.co/image/big","height":640,"width":640},{"url":"https://i.scdn.co/image/small","height":64,"width":64}]"#, with: #""images":[]"#)
        let item = try decode(SpotifyRecentlyPlayed.Item.self, #"{"track":\#(bare),"played_at":"2025-11-18T14:23:15Z","context":{"type":"collection"}}"#)
        let event = try #require(SpotifyEventMapper.play(item, userID: "u"))
        #expect(event.albumImageURL == nil)
        #expect(event.contextType == .other)
        let noContext = try decode(SpotifyRecentlyPlayed.Item.self, #"{"track":\#(bare),"played_at":"2025-11-18T14:23:15Z","context":null}"#)
        #expect(SpotifyEventMapper.play(noContext, userID: "u")?.contextType == nil)
    }

    @Test("local files (null id) and episodes are skipped")
    func skipped() throws {
        let local = Self.track.replacingOccurrences(of: #""id":"0VjIjW4GlUZAMYd2vXMi3b","is_local":false"#, with: #""id":null,"is_local":true"#)
        let item = try decode(SpotifyRecentlyPlayed.Item.self, #"{"track":\#(local),"played_at":"2025-11-18T14:23:15Z","context":null}"#)
        #expect(SpotifyEventMapper.play(item, userID: "u") == nil)
        let episode = try decode(SpotifyCurrentlyPlaying.self, #"{"timestamp":1,"progress_ms":5,"is_playing":true,"currently_playing_type":"episode","item":{"id":"512ojhOuo1ktJprKbVcKyQ","name":"Ep","type":"episode","duration_ms":1000,"show":{"name":"S"}},"context":null}"#)
        #expect(SpotifyEventMapper.nowPlaying(episode, userID: "u", observedAt: EventTimestamp(Date())) == nil)
        let ad = try decode(SpotifyCurrentlyPlaying.self, #"{"timestamp":1,"progress_ms":5,"is_playing":true,"currently_playing_type":"ad","item":null,"context":null,"device":null}"#)
        #expect(SpotifyEventMapper.nowPlaying(ad, userID: "u", observedAt: EventTimestamp(Date())) == nil)
    }

    @Test("currently playing becomes now_playing with device type and position; its id is stable per playback")
    func nowPlaying() throws {
        let json = #"{"device":{"id":"d","is_active":true,"name":"Kitchen","type":"Smartphone","volume_percent":50},"timestamp":1731939795000,"progress_ms":42000,"is_playing":true,"currently_playing_type":"track","item":\#(Self.track),"context":{"type":"album"}}"#
        let current = try decode(SpotifyCurrentlyPlaying.self, json)
        let observed = EventTimestamp(Date())
        let event = try #require(SpotifyEventMapper.nowPlaying(current, userID: "u", observedAt: observed))
        #expect(event.eventType == .nowPlaying)
        #expect(event.deviceType == .mobile)
        #expect(event.positionMs == 42000)
        #expect(event.playedAt == observed)
        #expect(event.contextType == .album)
        #expect(event.source == .spotifyCurrentlyPlaying)
        let later = try #require(SpotifyEventMapper.nowPlaying(current, userID: "u", observedAt: EventTimestamp(Date().addingTimeInterval(5))))
        #expect(later.eventID == event.eventID)
    }

    @Test("Spotify device types map to the schema's vocabulary", arguments: [
        ("Computer", "desktop"), ("Smartphone", "mobile"), ("Tablet", "tablet"), ("Speaker", "speaker"), ("CastAudio", "speaker"),
        ("TV", "tv"), ("Automobile", "car"), ("GameConsole", "other"), ("Unknown", "other"),
    ])
    func devices(spotify: String, schema: String) {
        #expect(SpotifyEventMapper.deviceType(spotify)?.rawValue == schema)
    }

    @Test("every mapped event passes the platform's own validator")
    func validates() throws {
        let item = try decode(SpotifyRecentlyPlayed.Item.self, #"{"track":\#(Self.track),"played_at":"2025-11-18T14:23:15Z","context":null}"#)
        let event = try #require(SpotifyEventMapper.play(item, userID: "listener"))
        let decoded = try ListeningEvent.decode(event.canonicalJSON())
        #expect(decoded == event)
    }
}
