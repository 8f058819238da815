/// Where recommendations come from: the warehouse's gold tables. A protocol so routes can be
/// tested against failures without breaking a real database.
protocol RecommendationRepository: Sendable {
    /// The track as gold knows it with every co-occurring track and its artist affinity: the
    /// user's when `userID` is given (minus tracks that user already played), global popularity
    /// otherwise. Nil when gold has never seen the track.
    func candidates(for trackID: String, userID: String?) async throws -> TrackCandidates?
    /// The user's precomputed top recommendations from `gold.track_recommendations`, best first.
    func userRecommendations(_ userID: String, limit: Int) async throws -> [RankedRecommendation]
    /// Answers when the warehouse does (for `/ready`).
    func ping() async throws
}
