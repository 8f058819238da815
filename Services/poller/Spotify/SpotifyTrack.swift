/// A track or episode object as Spotify sends it (only the fields the poller maps). Most
/// fields are optional because Spotify sends null for them in real cases: local files have no
/// id, episodes have no artists or album, and ads have no item at all.
struct SpotifyTrack: Decodable, Sendable {
    struct Artist: Decodable, Sendable {
        var id: String?
        var name: String?
    }

    struct Image: Decodable, Sendable {
        var url: String
        var height: Int?
        var width: Int?
    }

    struct Album: Decodable, Sendable {
        var id: String?
        var name: String?
        /// Widest first, as Spotify orders them.
        var images: [Image]?
    }

    /// "track" or "episode".
    var type: String?
    var id: String?
    var name: String?
    var durationMs: Int?
    var artists: [Artist]?
    var album: Album?
    var isLocal: Bool?
}
