/// The track recommendations are asked for, as gold knows it.
struct SeedTrack: Sendable, Equatable {
    var trackID: String
    var trackName: String
    var artistName: String
}
