import EventSchema
import Foundation

/// Spotify's JSON → the platform's event schema (docs/CONTRACT.md). Returns nil for what is not a
/// playable catalogue track (episodes, ads, local files without an id), which the poller skips.
enum SpotifyEventMapper {
    /// A recently-played item as a `play` event whose id depends only on user, track and
    /// played_at: the same play fetched twice becomes the same event.
    static func play(_ item: SpotifyRecentlyPlayed.Item, userID: String) -> ListeningEvent? {
        guard let track = item.track, let trackID = catalogueID(track),
              let playedAtText = item.playedAt, let playedAt = EventTimestamp(rfc3339: playedAtText),
              let name = track.name, let artist = track.artists?.first?.name, let duration = track.durationMs
        else { return nil }
        return ListeningEvent(
            eventID: playEventID(userID: userID, trackID: trackID, playedAt: playedAt),
            userID: userID, eventType: .play, trackID: trackID, playedAt: playedAt,
            trackName: name, artistName: artist, durationMs: duration, albumName: track.album?.name,
            contextType: contextType(item.context), artistID: track.artists?.first?.id, albumID: track.album?.id,
            albumImageURL: track.album?.images?.first?.url, source: .spotifyRecentlyPlayed
        )
    }

    /// The currently playing track as a `now_playing` event observed at `observedAt`. Its id
    /// comes from Spotify's playback-state timestamp, so polling the same playback again (or
    /// after a restart) repeats the id rather than inventing a new event.
    static func nowPlaying(_ current: SpotifyCurrentlyPlaying, userID: String, observedAt: EventTimestamp) -> ListeningEvent? {
        guard current.currentlyPlayingType == "track", let track = current.item, let trackID = catalogueID(track) else { return nil }
        let stateChange = current.timestamp.map(String.init) ?? observedAt.rfc3339
        return ListeningEvent(
            eventID: UUIDv5.make(namespace: UUIDv5.pollerNamespace, name: "now_playing|\(userID)|\(trackID)|\(stateChange)"),
            userID: userID, eventType: .nowPlaying, trackID: trackID, playedAt: observedAt,
            trackName: track.name, artistName: track.artists?.first?.name, durationMs: track.durationMs,
            albumName: track.album?.name, deviceType: deviceType(current.device?.type), positionMs: current.progressMs,
            contextType: contextType(current.context), artistID: track.artists?.first?.id, albumID: track.album?.id,
            albumImageURL: track.album?.images?.first?.url, source: .spotifyCurrentlyPlaying
        )
    }

    /// UUIDv5 of user, track and played_at (canonical RFC 3339, so "…15Z" and "…15.000Z" agree).
    static func playEventID(userID: String, trackID: String, playedAt: EventTimestamp) -> UUID {
        UUIDv5.make(namespace: UUIDv5.pollerNamespace, name: "play|\(userID)|\(trackID)|\(playedAt.rfc3339)")
    }

    /// The id of a catalogue track, or nil for episodes, local files and ids the schema refuses.
    static func catalogueID(_ track: SpotifyTrack) -> String? {
        guard track.type == nil || track.type == "track", track.isLocal != true, let id = track.id,
              (1...64).contains(id.utf8.count),
              id.utf8.allSatisfy({ $0 < 0x80 && (Character(Unicode.Scalar($0)).isLetter || Character(Unicode.Scalar($0)).isNumber || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")) })
        else { return nil }
        return id
    }

    static func contextType(_ context: SpotifyContext?) -> ContextType? {
        guard let type = context?.type else { return nil }
        return ContextType(rawValue: type) ?? .other
    }

    /// Spotify's device types in the schema's vocabulary.
    static func deviceType(_ spotifyType: String?) -> DeviceType? {
        guard let spotifyType else { return nil }
        switch spotifyType.lowercased() {
        case "computer": return .desktop
        case "smartphone": return .mobile
        case "tablet": return .tablet
        case "speaker", "avr", "audiodongle", "castaudio": return .speaker
        case "tv", "stb", "castvideo": return .tv
        case "automobile": return .car
        default: return .other
        }
    }
}
