@testable import Dashboard

/// An in-process recommender-api: answers are the contract's JSON, decoded by the same code
/// the real client uses, or a chosen failure.
struct FakeRecommender: RecommenderClient {
    var recommendations: Result<String, Recommender.Failure> = .success(ContractPayloads.userRecommendations)
    var nowPlaying: Result<String, Recommender.Failure> = .success(ContractPayloads.nowPlaying)
    var stats: Result<String, Recommender.Failure> = .success(ContractPayloads.cacheStats)
    var activity: Result<String, Recommender.Failure> = .success(ContractPayloads.liveActivity)

    func userRecommendations(userID: String, limit: Int) async throws(Recommender.Failure) -> Recommender.UserRecommendations {
        try HTTPRecommenderClient.decode(Recommender.UserRecommendations.self, from: Array(try recommendations.get().utf8), url: "fake")
    }

    func nowPlaying(userID: String) async throws(Recommender.Failure) -> NowPlayingSnapshot {
        try HTTPRecommenderClient.decode(NowPlayingSnapshot.self, from: Array(try nowPlaying.get().utf8), url: "fake")
    }

    func liveActivity(limit: Int) async throws(Recommender.Failure) -> LiveActivity {
        try HTTPRecommenderClient.decode(LiveActivity.self, from: Array(try activity.get().utf8), url: "fake")
    }

    func cacheStats() async throws(Recommender.Failure) -> Recommender.CacheStats {
        try HTTPRecommenderClient.decode(Recommender.CacheStats.self, from: Array(try stats.get().utf8), url: "fake")
    }
}
