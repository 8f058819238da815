import Foundation

/// One entry of the play history (`GET /v1/me/player/recently-played`).
public struct FakePlay: Sendable, Hashable {
    public var track: FakeTrack
    public var playedAt: Date
    public var context: FakeContext?

    public init(track: FakeTrack, playedAt: Date, context: FakeContext? = .playlist) {
        self.track = track
        self.playedAt = playedAt
        self.context = context
    }

    /// played_at in Unix milliseconds, the unit of Spotify's cursors.
    public var playedAtMilliseconds: Int64 { Int64((playedAt.timeIntervalSince1970 * 1000).rounded(.down)) }
}
