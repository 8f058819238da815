import EventSchema
import Foundation

/// A user's current track, from their latest `now_playing` event. Stored as JSON in Redis
/// (`now_playing:{user_id}`) and in process memory.
///
/// `live` is decided when an answer is built, never stored: a track is live until its
/// duration (or `assumedDuration` when the event did not say) plus `grace` has passed since
/// `played_at`. After that the same entry is "last played", not "now playing".
struct NowPlayingTrack: Codable, Sendable, Equatable {
    var trackID: String
    var trackName: String?
    var artistName: String?
    var albumName: String?
    var albumImageURL: String?
    var deviceType: String?
    var durationMs: Int?
    var playedAt: String
    var receivedAt: String
    var live: Bool?

    enum CodingKeys: String, CodingKey {
        case trackID = "track_id", trackName = "track_name", artistName = "artist_name", albumName = "album_name"
        case albumImageURL = "album_image_url", deviceType = "device_type", durationMs = "duration_ms"
        case playedAt = "played_at", receivedAt = "received_at", live
    }

    /// Between the end of a track and the next `now_playing` event (the poller asks every few seconds).
    static let grace: Duration = .seconds(60)
    /// Used when an event carries no `duration_ms`: longer than nearly every track.
    static let assumedDuration: Duration = .seconds(600)

    /// This entry with `live` set for the instant `now`.
    func judged(at now: Date) -> NowPlayingTrack {
        var copy = self
        copy.live = Self.isLive(playedAt: playedAt, durationMs: durationMs, at: now)
        return copy
    }

    static func isLive(playedAt: String, durationMs: Int?, at now: Date) -> Bool {
        guard let started = EventTimestamp(rfc3339: playedAt)?.date else { return false }
        let length = durationMs.map { Duration.milliseconds($0) } ?? assumedDuration
        let window = length + grace
        let seconds = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
        return now.timeIntervalSince(started) < seconds
    }
}

extension NowPlayingTrack {
    // Missing optional fields are written as null, so clients always see the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(trackID, forKey: .trackID)
        try container.encode(trackName, forKey: .trackName)
        try container.encode(artistName, forKey: .artistName)
        try container.encode(albumName, forKey: .albumName)
        try container.encode(albumImageURL, forKey: .albumImageURL)
        try container.encode(deviceType, forKey: .deviceType)
        try container.encode(durationMs, forKey: .durationMs)
        try container.encode(playedAt, forKey: .playedAt)
        try container.encode(receivedAt, forKey: .receivedAt)
        try container.encode(live, forKey: .live)
    }
}
