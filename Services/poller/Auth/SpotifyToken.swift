import Foundation

/// What `SPOTIFY_TOKEN_FILE` holds: `{access_token, refresh_token, expires_at, scope}`.
struct SpotifyToken: Codable, Sendable, Equatable {
    var accessToken: String
    var refreshToken: String
    var expiresAt: Date
    var scope: String

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", refreshToken = "refresh_token", expiresAt = "expires_at", scope
    }

    /// Whether the access token expires within `margin` (refreshed before, not after, it fails).
    func expires(within margin: TimeInterval, now: Date = Date()) -> Bool {
        expiresAt.timeIntervalSince(now) <= margin
    }
}

extension SpotifyToken: CustomStringConvertible {
    /// Never the tokens themselves: this is what ends up in logs and test failures.
    var description: String { "SpotifyToken(expires_at: \(expiresAt), scope: \(scope))" }
}
