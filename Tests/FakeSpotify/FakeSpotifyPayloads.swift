import Foundation

/// Spotify's documented JSON for the endpoints the fake serves, every field present (null
/// where Spotify sends null), so a client that decodes the fake decodes the real service.
enum FakeSpotifyPayloads {
    static func json(_ object: Any) -> [UInt8] {
        Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8))
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static func apiError(_ status: Int, _ message: String) -> [UInt8] {
        json(["error": ["status": status, "message": message]])
    }

    static func artist(id: String, name: String) -> [String: Any] {
        ["external_urls": ["spotify": "https://open.spotify.com/artist/\(id)"], "href": "https://api.spotify.com/v1/artists/\(id)",
         "id": id, "name": name, "type": "artist", "uri": "spotify:artist:\(id)"]
    }

    static func track(_ track: FakeTrack) -> [String: Any] {
        let images: [[String: Any]] = track.imageURL.map { url in
            [["url": url, "height": 640, "width": 640], ["url": url + "-300", "height": 300, "width": 300], ["url": url + "-64", "height": 64, "width": 64]]
        } ?? []
        let artist = Self.artist(id: track.artistID, name: track.artistName)
        let album: [String: Any] = [
            "album_type": "album", "total_tracks": 12, "available_markets": ["DE", "US"],
            "external_urls": ["spotify": "https://open.spotify.com/album/\(track.albumID)"],
            "href": "https://api.spotify.com/v1/albums/\(track.albumID)", "id": track.albumID, "images": images,
            "name": track.albumName, "release_date": "2020-03-20", "release_date_precision": "day", "type": "album",
            "uri": "spotify:album:\(track.albumID)", "artists": [artist],
        ]
        return [
            "album": album, "artists": [artist], "available_markets": ["DE", "US"], "disc_number": 1,
            "duration_ms": track.durationMs, "explicit": false, "external_ids": ["isrc": "USUM72000001"],
            "external_urls": ["spotify": "https://open.spotify.com/track/\(track.id)"],
            "href": "https://api.spotify.com/v1/tracks/\(track.id)",
            "id": track.isLocal ? NSNull() as Any : track.id, "is_playable": true, "name": track.name, "popularity": 71,
            "preview_url": NSNull(), "track_number": 3, "type": "track",
            "uri": track.isLocal ? "spotify:local:\(track.artistName):\(track.albumName):\(track.name):\(track.durationMs / 1000)" : "spotify:track:\(track.id)",
            "is_local": track.isLocal,
        ]
    }

    static func context(_ context: FakeContext?) -> Any {
        guard let context else { return NSNull() }
        return ["type": context.type, "href": "https://api.spotify.com/v1/\(context.type)s/\(context.id)",
                "external_urls": ["spotify": "https://open.spotify.com/\(context.type)/\(context.id)"],
                "uri": "spotify:\(context.type):\(context.id)"]
    }

    static func currentlyPlaying(_ playback: FakePlayback, timestamp: Int64) -> [String: Any] {
        var body: [String: Any] = [
            "timestamp": timestamp, "repeat_state": "off", "shuffle_state": false,
            "actions": ["disallows": ["resuming": true]],
        ]
        switch playback {
        case .track(let playing, let progress, let isPlaying, let deviceType, let playingContext):
            body["device"] = deviceType.map { type -> Any in
                ["id": "device-1", "is_active": true, "is_private_session": false, "is_restricted": false,
                 "name": "Test device", "type": type, "volume_percent": 60, "supports_volume": true]
            } ?? NSNull()
            body["progress_ms"] = progress
            body["is_playing"] = isPlaying
            body["item"] = Self.track(playing)
            body["context"] = Self.context(playingContext)
            body["currently_playing_type"] = "track"
        case .episode(let id, let name, let showName):
            body["progress_ms"] = 120_000
            body["is_playing"] = true
            body["context"] = NSNull()
            body["currently_playing_type"] = "episode"
            body["item"] = [
                "audio_preview_url": NSNull(), "description": "An episode.", "duration_ms": 1_800_000, "explicit": false,
                "external_urls": ["spotify": "https://open.spotify.com/episode/\(id)"], "href": "https://api.spotify.com/v1/episodes/\(id)",
                "id": id, "images": [], "is_externally_hosted": false, "is_playable": true, "languages": ["en"], "name": name,
                "release_date": "2025-01-01", "release_date_precision": "day", "type": "episode", "uri": "spotify:episode:\(id)",
                "show": ["id": "show0000000000000000001", "name": showName, "publisher": "A publisher", "type": "show", "uri": "spotify:show:show0000000000000000001"],
            ] as [String: Any]
        case .ad:
            body["progress_ms"] = 5_000
            body["is_playing"] = true
            body["context"] = NSNull()
            body["item"] = NSNull()
            body["currently_playing_type"] = "ad"
        }
        return body
    }

    static func play(_ play: FakePlay) -> [String: Any] {
        ["track": Self.track(play.track), "played_at": rfc3339(play.playedAt), "context": Self.context(play.context)]
    }

    static func user(_ id: String) -> [String: Any] {
        ["display_name": "Test Listener", "external_urls": ["spotify": "https://open.spotify.com/user/\(id)"],
         "followers": ["href": NSNull(), "total": 0], "href": "https://api.spotify.com/v1/users/\(id)", "id": id,
         "images": [], "type": "user", "uri": "spotify:user:\(id)"]
    }
}
