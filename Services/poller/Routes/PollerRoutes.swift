import Foundation
import Hummingbird
import ServiceRuntime

/// `GET /status`, `POST /sync` (Bearer `ADMIN_TOKEN` when set) and `GET /openapi.json`.
struct PollerRoutes: Sendable {
    let poller: SpotifyPoller
    let authorization: SpotifyAuthorization
    let status: PollerStatus

    func add(to router: Router<BasicRequestContext>, adminToken: String?) {
        router.get("/status") { _, _ in
            try Self.json(await status.snapshot(authState: await authorization.currentState()), status: .ok)
        }
        router.group("/sync").add(middleware: BearerTokenMiddleware(token: adminToken)).post { _, _ in
            do {
                return try Self.json(try await poller.sync(), status: .ok)
            } catch SpotifyPoller.Unavailable.authorization(let state) {
                throw APIError(.conflict, code: state.rawValue, message: state == .notAuthorized
                    ? "No Spotify account is connected yet. Run `poller auth` first."
                    : "Spotify no longer accepts the stored authorization. Run `poller auth` again.")
            } catch SpotifyPoller.Unavailable.rateLimited(let until) {
                throw APIError.unavailable("spotify_rate_limited", "Spotify asked the poller to wait; try again later.",
                                           retryAfterSeconds: max(1, Int(until.timeIntervalSinceNow.rounded(.up))))
            } catch SpotifyAPIError.rateLimited(_, let retryAfter) {
                throw APIError.unavailable("spotify_rate_limited", "Spotify asked the poller to wait; try again later.",
                                           retryAfterSeconds: max(1, Int(retryAfter?.components.seconds ?? 30)))
            } catch let error as SpotifyAPIError {
                throw APIError(.badGateway, code: "spotify_error", message: "Spotify did not give a usable answer: \(error).")
            } catch let error as SpotifyAuthError {
                throw APIError(.badGateway, code: "spotify_auth_error", message: "The Spotify token could not be refreshed: \(error).")
            } catch let error as DurableFile.WriteFailed {
                throw APIError(.internalServerError, code: "queue_unwritable", message: "Fetched plays could not be stored: \(error).")
            } catch {
                throw APIError(.badGateway, code: "spotify_unreachable", message: "Spotify could not be reached: \(error).")
            }
        }
        router.get("/openapi.json") { _, _ in
            Response.json(document: PollerOpenAPI.document)
        }
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        try Response.json(encoding: value, status: status)
    }
}
