/// What `GET /v1/me/player/currently-playing` reports.
public enum FakePlayback: Sendable, Hashable {
    /// A track, with Spotify's device type spelling ("Computer", "Smartphone", ...).
    case track(FakeTrack, progressMs: Int = 30_000, isPlaying: Bool = true, deviceType: String? = "Computer", context: FakeContext? = .playlist)
    /// A podcast episode (`currently_playing_type: "episode"`).
    case episode(id: String, name: String, showName: String)
    /// An advertisement: `currently_playing_type: "ad"` and a null item.
    case ad
}
