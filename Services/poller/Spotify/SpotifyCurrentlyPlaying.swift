/// `GET /v1/me/player/currently-playing` (200 body; 204 means nothing is playing).
struct SpotifyCurrentlyPlaying: Decodable, Sendable {
    /// Unix milliseconds of the last change of playback state (play, pause, skip, new track).
    var timestamp: Int64?
    var progressMs: Int?
    var isPlaying: Bool?
    /// "track", "episode", "ad" or "unknown".
    var currentlyPlayingType: String?
    /// null for ads and for some private sessions.
    var item: SpotifyTrack?
    var context: SpotifyContext?
    var device: SpotifyDevice?
}
