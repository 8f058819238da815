/// `GET /v1/me/player/recently-played`: a cursor-based page of play history, newest first.
struct SpotifyRecentlyPlayed: Decodable, Sendable {
    struct Item: Decodable, Sendable {
        var track: SpotifyTrack?
        /// RFC 3339, e.g. "2025-11-18T14:23:15.123Z".
        var playedAt: String?
        var context: SpotifyContext?
    }

    /// Unix milliseconds as strings; null on an empty page.
    struct Cursors: Decodable, Sendable {
        var after: String?
        var before: String?
    }

    var items: [Item]
    /// The URL of the next page, or null.
    var next: String?
    var cursors: Cursors?
    var limit: Int?
}
