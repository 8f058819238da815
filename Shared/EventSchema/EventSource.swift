/// Which producer created the event; lets silver tell simulated traffic from real listening.
public enum EventSource: String, Sendable, Hashable, CaseIterable {
    case simulator
    case spotifyRecentlyPlayed = "spotify_recently_played"
    case spotifyCurrentlyPlaying = "spotify_currently_playing"
    case api
}
