/// One row of a top-10 list: a track, an artist or an album with its play count.
struct RankedItem: Sendable, Equatable {
    var name: String
    /// The artist of a track or album; nil for an artist row.
    var artist: String?
    /// Spotify track id, for "Play on Spotify" links; nil for artists and albums.
    var trackID: String?
    var plays: Int
}
