import Foundation
import HTTPClient
import Logging

/// The three Web API calls the poller makes, with the resilience rules of issue #9: 429 waits
/// as `Retry-After` says, 5xx and network errors back off exponentially with jitter (the shared
/// `retrying`), a 401 triggers one token refresh and one more try.
struct SpotifyAPI: Sendable {
    let client: HTTPClient
    let apiBase: String
    let authorization: SpotifyAuthorization
    let retryPolicy: RetryPolicy
    let timeout: HTTPTimeout
    let metrics: PollerMetrics
    let logger: Logger

    /// nil when nothing is playing (204 or an empty body).
    func currentlyPlaying() async throws -> SpotifyCurrentlyPlaying? {
        let endpoint = "/v1/me/player/currently-playing"
        let response = try await get(apiBase + endpoint + "?additional_types=episode", endpoint: endpoint)
        if response.status == 204 || response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return nil }
        return try decode(SpotifyCurrentlyPlaying.self, response, endpoint: endpoint)
    }

    /// One page of play history after `after` (Unix ms), or the next page's URL when given.
    func recentlyPlayed(after: String?, pageURL: String? = nil) async throws -> SpotifyRecentlyPlayed {
        let endpoint = "/v1/me/player/recently-played"
        var url = apiBase + endpoint + "?limit=50"
        if let after { url += "&after=" + FormEncoding.escape(after) }
        // Only pages on the configured API host: the bearer token must not go anywhere else.
        if let pageURL, pageURL.hasPrefix(apiBase + "/") { url = pageURL }
        return try decode(SpotifyRecentlyPlayed.self, try await get(url, endpoint: endpoint), endpoint: endpoint)
    }

    /// The Spotify user id of the connected account (`GET /v1/me`).
    func currentUserID() async throws -> String {
        struct Profile: Decodable { var id: String }
        let endpoint = "/v1/me"
        let profile = try decode(Profile.self, try await get(apiBase + endpoint, endpoint: endpoint), endpoint: endpoint)
        guard (1...128).contains(profile.id.count) else { throw SpotifyAPIError.malformed(endpoint: endpoint, detail: "user id of \(profile.id.count) characters") }
        return profile.id
    }

    private func get(_ url: String, endpoint: String) async throws -> HTTPResponse {
        var token = try await authorization.accessToken()
        var response = try await attempt(url, token: token, endpoint: endpoint)
        if response.status == 401 {
            logger.info("Spotify refused the access token; refreshing once", metadata: ["endpoint": "\(endpoint)"])
            token = try await authorization.accessToken(afterRejectionOf: token)
            response = try await attempt(url, token: token, endpoint: endpoint)
        }
        if response.status == 429 {
            throw SpotifyAPIError.rateLimited(endpoint: endpoint, retryAfter: RetryAfter.delay(from: response.headers["Retry-After"]))
        }
        guard response.isSuccess else { throw SpotifyAPIError.status(endpoint: endpoint, status: response.status) }
        return response
    }

    private func attempt(_ url: String, token: String, endpoint: String) async throws -> HTTPResponse {
        let request = HTTPRequest(method: .get, url: url, headers: ["Authorization": "Bearer \(token)", "Accept": "application/json"])
        do {
            return try await retrying(policy: retryPolicy, logger: logger) {
                do {
                    let response = try await client.execute(request, timeout: timeout)
                    metrics.spotifyResponse(endpoint: endpoint, status: response.status)
                    return response
                } catch let error as HTTPClientError {
                    metrics.spotifyResponse(endpoint: endpoint, status: nil)
                    throw error
                }
            }
        } catch let error as HTTPClientError {
            // The URL could carry a cursor but never a token; still, say only what and where.
            logger.warning("Spotify did not answer", metadata: ["endpoint": "\(endpoint)", "error": "\(error.kind.rawValue)"])
            throw error
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponse, endpoint: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: Data(response.body))
        } catch {
            throw SpotifyAPIError.malformed(endpoint: endpoint, detail: Self.summary(of: error))
        }
    }

    /// Where the JSON went wrong, without echoing the payload.
    static func summary(of error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not JSON" }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "undecodable"
        }
    }
}
