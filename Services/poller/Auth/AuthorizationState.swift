/// Whether the poller can talk to Spotify on a user's behalf (`GET /status` `auth_state`).
enum AuthorizationState: String, Sendable {
    /// A token file is present and usable.
    case authorized
    /// No Spotify account connected yet: the poller idles, which is not a fault.
    case notAuthorized = "not_authorized"
    /// Spotify refused the refresh token (or the file is unusable): an operator must run `poller auth`.
    case reauthorizationRequired = "reauthorization_required"
}
