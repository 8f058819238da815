/// The endpoints of the fake, for fault injection and the request log.
public enum FakeEndpoint: String, Sendable, Hashable, CaseIterable {
    case authorize = "/authorize"
    case token = "/api/token"
    case me = "/v1/me"
    case currentlyPlaying = "/v1/me/player/currently-playing"
    case recentlyPlayed = "/v1/me/player/recently-played"
}
