/// A track and the per-track listening traits the simulator needs.
struct CatalogueTrack: Sendable {
    let id: String
    let name: String
    let artist: Int
    let album: Int
    let durationMs: Int
    /// Chance that a playback of this track is skipped: the average rate times a per-track factor,
    /// so gold's per-track skip rates differ like real ones do.
    let skipProbability: Double
}
