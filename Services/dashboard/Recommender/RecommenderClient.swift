/// What the dashboard asks recommender-api (contract: docs/CONTRACT.md).
/// Pages depend on this protocol so tests can answer with fixed payloads.
protocol RecommenderClient: Sendable {
    /// `GET /users/{user_id}/recommendations?limit=`; an unknown user is an empty list.
    func userRecommendations(userID: String, limit: Int) async throws(Recommender.Failure) -> Recommender.UserRecommendations
    /// `GET /users/{user_id}/now-playing`.
    func nowPlaying(userID: String) async throws(Recommender.Failure) -> NowPlayingSnapshot
    /// `GET /now-playing?limit=`: live activity across listeners.
    func liveActivity(limit: Int) async throws(Recommender.Failure) -> LiveActivity
    /// `GET /cache/stats`.
    func cacheStats() async throws(Recommender.Failure) -> Recommender.CacheStats
}
