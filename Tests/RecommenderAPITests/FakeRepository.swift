@testable import RecommenderAPI

/// Gold without a database: fixed answers, or a failure on every call.
struct FakeRepository: RecommendationRepository {
    var seeds: [String: SeedTrack] = [:]
    var candidatesByTrack: [String: [RecommendationCandidate]] = [:]
    var failure: RecommenderFailure?

    func candidates(for trackID: String, userID: String?) async throws -> TrackCandidates? {
        if let failure { throw failure }
        return seeds[trackID].map { TrackCandidates(seed: $0, candidates: candidatesByTrack[trackID] ?? []) }
    }

    func userRecommendations(_ userID: String, limit: Int) async throws -> [RankedRecommendation] {
        if let failure { throw failure }
        return []
    }

    func ping() async throws {
        if let failure { throw failure }
    }

    static let oneTrack = FakeRepository(
        seeds: ["track_1": SeedTrack(trackID: "track_1", trackName: "One", artistName: "Band")],
        candidatesByTrack: ["track_1": [RecommendationCandidate(trackID: "track_2", trackName: "Two", artistName: "Band", cooccurrenceScore: 0.5, artistAffinity: 50)]])
}
