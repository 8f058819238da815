import EventSchema
import Foundation
import ServiceRuntime

/// Answers recommendation requests: from the Redis cache when it has the answer, otherwise from
/// gold through the repository, then stored in the cache for the next request.
struct RecommendationService: Sendable {
    let repository: any RecommendationRepository
    let cache: RecommendationCache
    let metrics: RecommenderMetrics

    /// `GET /recommendations/{track_id}`. Throws a 404 `APIError` for a track gold does not know.
    func trackRecommendations(trackID: String, userID: String?, limit: Int) async throws -> CachedBody {
        let key = CacheKeys.trackRecommendations(trackID: trackID, userID: userID, limit: limit)
        return try await cached(key) {
            guard let found = try await repository.candidates(for: trackID, userID: userID) else {
                throw APIError.notFound("unknown_track", "No track with id '\(trackID)' is known to the warehouse (gold.track_popularity).")
            }
            let seed = found.seed
            return TrackRecommendations(
                trackID: seed.trackID, trackName: seed.trackName, artistName: seed.artistName,
                recommendations: RecommendationScorer.rank(found.candidates, seed: seed, personalized: userID != nil, limit: limit),
                generatedAt: Self.now())
        }
    }

    /// The same answer decoded, for responses that embed it (now-playing).
    func decodedTrackRecommendations(trackID: String, userID: String?, limit: Int) async throws -> (TrackRecommendations, cacheHit: Bool) {
        let body = try await trackRecommendations(trackID: trackID, userID: userID, limit: limit)
        return (try JSONDecoder().decode(TrackRecommendations.self, from: Data(body.payload)), body.cacheHit)
    }

    /// `GET /users/{user_id}/recommendations`: an unknown user gets an empty list.
    func userRecommendations(userID: String, limit: Int) async throws -> CachedBody {
        try await cached(CacheKeys.userRecommendations(userID: userID, limit: limit)) {
            UserRecommendations(
                userID: userID, recommendations: try await repository.userRecommendations(userID, limit: limit),
                generatedAt: Self.now())
        }
    }

    private func cached<Payload: Encodable>(_ key: String, compute: () async throws -> Payload) async throws -> CachedBody {
        if let payload = await cache.get(key) {
            metrics.cacheHit()
            return CachedBody(payload: payload, cacheHit: true)
        }
        metrics.cacheMiss()
        let payload = Array(try JSONEncoder().encode(try await compute()))
        await cache.set(key, payload)
        return CachedBody(payload: payload, cacheHit: false)
    }

    static func now() -> String { EventTimestamp(Date()).rfc3339 }
}
