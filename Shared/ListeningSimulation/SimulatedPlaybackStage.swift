/// The events of one playback, in time order: an optional now_playing at the start, the play
/// (or the skip that replaces it), then an optional like.
enum SimulatedPlaybackStage: Int, Sendable, Comparable {
    case nowPlaying, outcome, like, finished

    static func < (lhs: SimulatedPlaybackStage, rhs: SimulatedPlaybackStage) -> Bool { lhs.rawValue < rhs.rawValue }
}
