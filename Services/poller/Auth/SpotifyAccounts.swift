import Foundation
import HTTPClient
import Logging

/// The Spotify accounts service: the authorize URL and the token endpoint
/// (`authorization_code` and `refresh_token` grants, client authenticated with HTTP Basic).
struct SpotifyAccounts: Sendable {
    static let scopes = "user-read-currently-playing user-read-recently-played"

    let client: HTTPClient
    let accountsBase: String
    let clientID: String?
    let clientSecret: String?
    let retryPolicy: RetryPolicy
    let logger: Logger

    func authorizeURL(redirectURI: String, state: String) -> String {
        accountsBase + "/authorize?" + FormEncoding.encode([
            ("client_id", clientID ?? ""), ("response_type", "code"), ("redirect_uri", redirectURI),
            ("state", state), ("scope", Self.scopes),
        ])
    }

    func exchange(code: String, redirectURI: String) async throws -> SpotifyToken {
        try await requestToken(form: [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI)], previous: nil)
    }

    /// A new access token. Spotify may or may not send a new refresh token; without one the
    /// old one stays valid and is kept.
    func refresh(_ token: SpotifyToken) async throws -> SpotifyToken {
        try await requestToken(form: [("grant_type", "refresh_token"), ("refresh_token", token.refreshToken)], previous: token)
    }

    private struct TokenResponse: Decodable {
        var accessToken: String
        var tokenType: String?
        var scope: String?
        var expiresIn: Int
        var refreshToken: String?
    }

    private struct ErrorResponse: Decodable {
        var error: String
        var errorDescription: String?
    }

    private func requestToken(form: [(String, String)], previous: SpotifyToken?) async throws -> SpotifyToken {
        guard let clientID, let clientSecret else { throw SpotifyAuthError.missingClientCredentials }
        let credentials = Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
        let request = HTTPRequest(
            method: .post, url: accountsBase + "/api/token",
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic \(credentials)"],
            body: Array(FormEncoding.encode(form).utf8)
        )
        let response = try await retrying(policy: retryPolicy, logger: logger) { try await client.execute(request) }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard response.isSuccess else {
            guard let failure = try? decoder.decode(ErrorResponse.self, from: Data(response.body)) else {
                throw SpotifyAuthError.malformedResponse(status: response.status)
            }
            if failure.error == "invalid_grant" { throw SpotifyAuthError.invalidGrant(failure.errorDescription ?? "no description") }
            throw SpotifyAuthError.refused(status: response.status, error: failure.error, detail: failure.errorDescription ?? "")
        }
        guard let answer = try? decoder.decode(TokenResponse.self, from: Data(response.body)),
              let refreshToken = answer.refreshToken ?? previous?.refreshToken
        else { throw SpotifyAuthError.malformedResponse(status: response.status) }
        return SpotifyToken(
            accessToken: answer.accessToken, refreshToken: refreshToken,
            // Whole seconds: the token file stores RFC 3339 without fractions, and must read back equal.
            expiresAt: Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + TimeInterval(answer.expiresIn)).rounded(.down)),
            scope: answer.scope ?? previous?.scope ?? Self.scopes
        )
    }
}
