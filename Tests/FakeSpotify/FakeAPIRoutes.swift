import Foundation
import Hummingbird

/// The Web API endpoints the poller reads: `/v1/me`, currently-playing and recently-played
/// (cursor paging with `after`/`before`, `next`, `limit` 1–50).
struct FakeAPIRoutes: Sendable {
    let state: FakeSpotifyState
    var responder: FakeResponder { FakeResponder(state: state) }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/v1/me") { request, _ in
            await responder.respond(.me, request) {
                if let failure = responder.authorizationFailure(request) { return failure }
                return FakeResponder.json(200, FakeSpotifyPayloads.json(FakeSpotifyPayloads.user(state.withLock { $0.userID })))
            }
        }
        router.get("/v1/me/player/currently-playing") { request, _ in
            await responder.respond(.currentlyPlaying, request) {
                if let failure = responder.authorizationFailure(request) { return failure }
                let (playback, timestamp) = state.withLock { ($0.playback, $0.playbackTimestamp) }
                guard let playback else { return Response(status: .noContent) }
                return FakeResponder.json(200, FakeSpotifyPayloads.json(FakeSpotifyPayloads.currentlyPlaying(playback, timestamp: timestamp)))
            }
        }
        router.get("/v1/me/player/recently-played") { request, _ in
            await responder.respond(.recentlyPlayed, request) {
                if let failure = responder.authorizationFailure(request) { return failure }
                return recentlyPlayed(request)
            }
        }
    }

    private func recentlyPlayed(_ request: Request) -> Response {
        let query = FakeResponder.parameters(request.uri.query ?? "")
        let limit = query["limit"].map { Int($0) ?? -1 } ?? 20
        guard (1...50).contains(limit) else { return FakeResponder.json(400, FakeSpotifyPayloads.apiError(400, "Invalid limit")) }
        let after = query["after"].flatMap { Int64($0) }
        let before = query["before"].flatMap { Int64($0) }
        guard after == nil || before == nil else {
            return FakeResponder.json(400, FakeSpotifyPayloads.apiError(400, "Only one of after and before may be given"))
        }
        if query["after"] != nil && after == nil || query["before"] != nil && before == nil {
            return FakeResponder.json(400, FakeSpotifyPayloads.apiError(400, "Invalid cursor"))
        }
        let history = state.withLock { $0.plays }  // newest first
        let page: [FakePlay]
        let more: Bool
        if let after {
            // The plays just after the cursor, so paging forward with `next` leaves no gap.
            let newer = history.filter { $0.playedAtMilliseconds > after }
            page = Array(newer.suffix(limit))
            more = newer.count > limit
        } else {
            let older = before.map { cursor in history.filter { $0.playedAtMilliseconds < cursor } } ?? history
            page = Array(older.prefix(limit))
            more = older.count > limit
        }
        let base = "http://\(request.head.authority ?? "127.0.0.1")/v1/me/player/recently-played"
        var next: Any = NSNull()
        var cursors: Any = NSNull()
        if let newest = page.first, let oldest = page.last {
            cursors = ["after": String(newest.playedAtMilliseconds), "before": String(oldest.playedAtMilliseconds)]
            if more {
                next = after != nil ? "\(base)?after=\(newest.playedAtMilliseconds)&limit=\(limit)" : "\(base)?before=\(oldest.playedAtMilliseconds)&limit=\(limit)"
            }
        }
        let body: [String: Any] = [
            "href": "\(base)?\(request.uri.query ?? "")", "limit": limit, "next": next, "cursors": cursors,
            "total": history.count, "items": page.map(FakeSpotifyPayloads.play),
        ]
        return FakeResponder.json(200, FakeSpotifyPayloads.json(body))
    }
}
