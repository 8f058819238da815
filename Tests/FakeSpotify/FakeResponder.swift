import Foundation
import Hummingbird

/// What every fake route shares: the request log, injected faults, Spotify's error shapes.
struct FakeResponder: Sendable {
    let state: FakeSpotifyState

    /// Applies a pending fault or else `answer`, and records the status served.
    func respond(_ endpoint: FakeEndpoint, _ request: Request, answer: () async throws -> Response) async rethrows -> Response {
        let fault = state.withLock { $0.nextFault(for: endpoint) }
        var response: Response
        switch fault {
        case .rateLimited(let seconds):
            response = Self.json(429, FakeSpotifyPayloads.apiError(429, "API rate limit exceeded"))
            if let seconds { response.headers[.retryAfter] = String(seconds) }
        case .serverError(let status):
            response = Self.json(status, FakeSpotifyPayloads.apiError(status, "Server error."))
        case .expiredToken:
            response = Self.json(401, FakeSpotifyPayloads.apiError(401, "The access token expired"))
        case .truncatedBody:
            response = Self.json(200, Array(#"{"items":[{"track":{"id":"4uLU6hMC"#.utf8))
        case .unexpectedJSON:
            response = Self.json(200, Array(#"{"items":"not a list","is_playing":"sometimes","currently_playing_type":7}"#.utf8))
        case .delay(let duration):
            try? await Task.sleep(for: duration)
            response = try await answer()
        case nil:
            response = try await answer()
        }
        let parameters = Self.parameters(request.uri.query ?? "")
        let record = FakeRecordedRequest(endpoint: endpoint, method: request.method.rawValue, query: request.uri.query ?? "",
                                         status: Int(response.status.code), at: .now, parameters: parameters)
        state.withLock { $0.requests.append(record) }
        return response
    }

    /// Checks `Authorization: Bearer` against the issued access tokens, as the Web API does.
    func authorizationFailure(_ request: Request) -> Response? {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            return Self.json(401, FakeSpotifyPayloads.apiError(401, "No token provided"))
        }
        let token = String(header.dropFirst("Bearer ".count))
        let expiresAt = state.withLock { $0.accessTokens[token]?.expiresAt }
        guard let expiresAt else { return Self.json(401, FakeSpotifyPayloads.apiError(401, "Invalid access token")) }
        guard expiresAt > Date() else { return Self.json(401, FakeSpotifyPayloads.apiError(401, "The access token expired")) }
        return nil
    }

    static func json(_ status: Int, _ body: [UInt8], headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `a=1&b=x%20y` (and `+` for spaces, as in forms) → dictionary.
    static func parameters(_ encoded: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String { String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text) }
            result[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }
}
