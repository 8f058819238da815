import Foundation
import Hummingbird

/// `GET /authorize` (consent granted at once: a 302 to the redirect URI with code and state)
/// and `POST /api/token` (authorization_code and refresh_token grants, RFC 6749 error JSON).
struct FakeAccountsRoutes: Sendable {
    let state: FakeSpotifyState
    var responder: FakeResponder { FakeResponder(state: state) }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/authorize") { request, _ in
            await responder.respond(.authorize, request) { authorize(request) }
        }
        router.post("/api/token") { request, _ in
            let body = try await request.body.collect(upTo: 64 * 1024)
            return await responder.respond(.token, request) { token(request, form: FakeResponder.parameters(String(buffer: body))) }
        }
    }

    private func authorize(_ request: Request) -> Response {
        let query = FakeResponder.parameters(request.uri.query ?? "")
        guard query["client_id"] == state.clientID else { return Self.text(400, "INVALID_CLIENT: Invalid client") }
        guard query["response_type"] == "code" else { return Self.text(400, "unsupported_response_type") }
        guard let redirect = query["redirect_uri"], var location = URLComponents(string: redirect), location.host != nil else {
            return Self.text(400, "INVALID_CLIENT: Invalid redirect URI")
        }
        let (code, denied) = state.withLock { state -> (String, Bool) in
            let code = state.mint("code")
            state.codes[code] = .init(redirectURI: redirect, scope: query["scope"] ?? "")
            return (code, state.denyAuthorization)
        }
        var items = location.queryItems ?? []
        items.append(denied ? URLQueryItem(name: "error", value: "access_denied") : URLQueryItem(name: "code", value: code))
        if let stateValue = query["state"] { items.append(URLQueryItem(name: "state", value: stateValue)) }
        location.queryItems = items
        return Response(status: .found, headers: [.location: location.string ?? redirect])
    }

    private func token(_ request: Request, form: [String: String]) -> Response {
        guard clientAuthenticated(request, form: form) else {
            return Self.oauthError(400, "invalid_client", "Invalid client")
        }
        switch form["grant_type"] {
        case "authorization_code":
            let issued = state.withLock { state -> [UInt8]? in
                guard let code = form["code"], let grant = state.codes.removeValue(forKey: code) else { return nil }
                guard grant.redirectURI == form["redirect_uri"] else { return nil }
                return tokenAnswer(state, scope: grant.scope, withRefreshToken: true)
            }
            guard let issued else { return Self.oauthError(400, "invalid_grant", "Invalid authorization code") }
            return FakeResponder.json(200, issued)
        case "refresh_token":
            let issued = state.withLock { state -> Result<[UInt8], FakeOAuthError> in
                guard let refresh = form["refresh_token"], let scope = state.refreshTokens[refresh] else {
                    return .failure(.init(description: "Invalid refresh token"))
                }
                guard !state.revokedRefreshTokens.contains(refresh) else { return .failure(.init(description: "Refresh token revoked")) }
                return .success(tokenAnswer(state, scope: scope, withRefreshToken: state.rotateRefreshTokens))
            }
            switch issued {
            case .success(let body): return FakeResponder.json(200, body)
            case .failure(let error): return Self.oauthError(400, "invalid_grant", error.description)
            }
        default:
            return Self.oauthError(400, "unsupported_grant_type", "grant_type must be client_credentials, authorization_code or refresh_token")
        }
    }

    /// Caller holds the lock.
    private func tokenAnswer(_ state: FakeSpotifyState, scope: String, withRefreshToken: Bool) -> [UInt8] {
        let access = state.mint("access")
        state.accessTokens[access] = .init(expiresAt: Date().addingTimeInterval(TimeInterval(state.accessTokenLifetime)))
        var body: [String: Any] = ["access_token": access, "token_type": "Bearer", "scope": scope, "expires_in": state.accessTokenLifetime]
        if withRefreshToken {
            let refresh = state.mint("refresh")
            state.refreshTokens[refresh] = scope
            body["refresh_token"] = refresh
        }
        return FakeSpotifyPayloads.json(body)
    }

    /// HTTP Basic with client id and secret, or both in the form (Spotify accepts either).
    private func clientAuthenticated(_ request: Request, form: [String: String]) -> Bool {
        if let header = request.headers[.authorization], header.hasPrefix("Basic "),
           let decoded = Data(base64Encoded: String(header.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }) {
            return decoded == "\(state.clientID):\(state.clientSecret)"
        }
        return form["client_id"] == state.clientID && form["client_secret"] == state.clientSecret
    }

    private static func text(_ status: Int, _ text: String) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private static func oauthError(_ status: Int, _ error: String, _ description: String) -> Response {
        FakeResponder.json(status, FakeSpotifyPayloads.json(["error": error, "error_description": description]))
    }
}
