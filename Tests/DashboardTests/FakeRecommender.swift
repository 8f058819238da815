@testable import Dashboard

/// An in-process recommender-api: answers are the contract's JSON, decoded by the same code
/// the real client uses, or a chosen failure.
struct FakeRecommender: RecommenderClient {
    var recommendations: Result<String, RecommenderFailure> = .success(ContractPayloads.userRecommendations)
    var nowPlaying: Result<String, RecommenderFailure> = .success(ContractPayloads.nowPlaying)
    var stats: Result<String, RecommenderFailure> = .success(ContractPayloads.cacheStats)
    var activity: Result<String, RecommenderFailure> = .success(ContractPayloads.liveActivity)

    func userRecommendations(userID: String, limit: Int) async throws(RecommenderFailure) -> UserRecommendations {
        try HTTPRecommenderClient.decode(UserRecommendations.self, from: Array(try recommendations.get().utf8), url: "fake")
    }

    func nowPlaying(userID: String) async throws(RecommenderFailure) -> NowPlayingSnapshot {
        try HTTPRecommenderClient.decode(NowPlayingSnapshot.self, from: Array(try nowPlaying.get().utf8), url: "fake")
    }

    func liveActivity(limit: Int) async throws(RecommenderFailure) -> LiveActivity {
        try HTTPRecommenderClient.decode(LiveActivity.self, from: Array(try activity.get().utf8), url: "fake")
    }

    func cacheStats() async throws(RecommenderFailure) -> CacheStats {
        try HTTPRecommenderClient.decode(CacheStats.self, from: Array(try stats.get().utf8), url: "fake")
    }
}
