import Foundation
import Hummingbird
import ServiceRuntime

/// recommender-api's own routes (the operational ones come from ServiceRuntime).
struct RecommenderRoutes: Sendable {
    let service: RecommendationService
    let nowPlaying: NowPlayingStore
    let cache: RecommendationCache
    let metrics: RecommenderMetrics

    func add(to router: Router<BasicRequestContext>, adminToken: String?) {
        router.get("/recommendations/:track_id") { request, context in
            let trackID = try RequestParameters.trackID(context.parameters.get("track_id"))
            let userID = try RequestParameters.optionalUserID(request)
            let limit = try RequestParameters.limit(request)
            let body = try await answering(context) {
                try await service.trackRecommendations(trackID: trackID, userID: userID, limit: limit)
            }
            return Self.json(body.responseBytes)
        }
        router.get("/users/:user_id/recommendations") { request, context in
            let userID = try RequestParameters.userID(context.parameters.get("user_id"))
            let limit = try RequestParameters.limit(request)
            let body = try await answering(context) { try await service.userRecommendations(userID: userID, limit: limit) }
            return Self.json(body.responseBytes)
        }
        router.get("/users/:user_id/now-playing") { request, context in
            let userID = try RequestParameters.userID(context.parameters.get("user_id"))
            let limit = try RequestParameters.limit(request)
            return try Self.json(encoding: try await answering(context) { try await nowPlayingResponse(userID: userID, limit: limit) })
        }
        router.get("/now-playing") { request, _ in
            let limit = try RequestParameters.limit(request)
            let now = Date()
            let listeners = await nowPlaying.recent(limit: limit).map {
                LiveActivityResponse.Listener(userID: $0.userID, nowPlaying: $0.track.judged(at: now))
            }
            return try Self.json(encoding: LiveActivityResponse(listeners: listeners, generatedAt: RecommendationService.now()))
        }
        router.get("/cache/stats") { _, _ in
            let up = (try? await cache.ping()) != nil
            let hits = metrics.hits, misses = metrics.misses
            let ratio = hits + misses == 0 ? 0 : Double(hits) / Double(hits + misses)
            return try Self.json(encoding: CacheStats(hits: hits, misses: misses, hitRatio: ratio, redisUp: up))
        }
        router.group("/cache").add(middleware: BearerTokenMiddleware(token: adminToken)).post("/invalidate") { request, context in
            try await invalidate(request, context: context)
        }
        router.get("/openapi.json") { _, _ in
            Self.json(ByteBuffer(string: RecommenderOpenAPI.document))
        }
    }

    private func nowPlayingResponse(userID: String, limit: Int) async throws -> NowPlayingResponse {
        guard var track = await nowPlaying.current(userID: userID)?.judged(at: Date()) else {
            return NowPlayingResponse(userID: userID, nowPlaying: nil, recommendations: [], cacheHit: false, generatedAt: RecommendationService.now())
        }
        do {
            let (answer, cacheHit) = try await service.decodedTrackRecommendations(trackID: track.trackID, userID: userID, limit: limit)
            // now_playing events need not carry names; gold knows them.
            if track.trackName == nil { track.trackName = answer.trackName }
            if track.artistName == nil { track.artistName = answer.artistName }
            return NowPlayingResponse(userID: userID, nowPlaying: track, recommendations: answer.recommendations, cacheHit: cacheHit,
                                      generatedAt: RecommendationService.now())
        } catch let error as APIError where error.status == .notFound {
            // A track gold has not seen yet (new since the last dbt run) has no recommendations.
            return NowPlayingResponse(userID: userID, nowPlaying: track, recommendations: [], cacheHit: false, generatedAt: RecommendationService.now())
        }
    }

    private func invalidate(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        var trackID: String?
        if body.readableBytes > 0 {
            let parsed: InvalidationRequest
            do {
                parsed = try JSONDecoder().decode(InvalidationRequest.self, from: Data(body.readableBytesView))
            } catch {
                throw APIError.badRequest("invalid_body", "The body must be empty or a JSON object such as {\"track_id\": \"...\"}.")
            }
            trackID = try parsed.trackID.map { try RequestParameters.trackID($0) }
        }
        let patterns = trackID.map(CacheKeys.patterns(forTrack:)) ?? [CacheKeys.everyRecommendation]
        var deleted = 0
        do {
            for pattern in patterns { deleted += try await cache.deleteMatching(pattern) }
        } catch {
            context.logger.warning("cache invalidation failed", metadata: ["error": "\(error)"])
            throw APIError.unavailable("cache_unavailable", "Redis cannot be reached, so nothing was invalidated; try again shortly.", retryAfterSeconds: 5)
        }
        context.logger.info("cache invalidated", metadata: ["track_id": "\(trackID ?? "*")", "keys": "\(deleted)"])
        return try Self.json(encoding: ["invalidated": deleted])
    }

    /// Runs `body`, turning warehouse failures into their 503 answers (logged once here).
    private func answering<T>(_ context: BasicRequestContext, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let failure as RecommenderFailure {
            context.logger.warning("answering 503", metadata: ["reason": "\(failure)"])
            throw failure.apiError
        }
    }

    static func json(_ buffer: ByteBuffer) -> Response {
        Response.json(buffer)
    }

    static func json(encoding value: some Encodable) throws -> Response {
        json(ByteBuffer(bytes: try JSONEncoder().encode(value)))
    }
}
