/// Where playback was started from: `{type, href, external_urls, uri}`, or null.
struct SpotifyContext: Decodable, Sendable {
    /// "artist", "playlist", "album", "show", or others Spotify adds later.
    var type: String?
    var uri: String?
}
