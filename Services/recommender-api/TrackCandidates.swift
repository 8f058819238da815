/// What gold holds for one seed track: the track itself and its co-occurring tracks.
struct TrackCandidates: Sendable, Equatable {
    var seed: SeedTrack
    var candidates: [RecommendationCandidate]
}
