/// A track that co-occurs with the seed track, as read from gold, before scoring.
struct RecommendationCandidate: Sendable, Equatable {
    var trackID: String
    var trackName: String
    var artistName: String
    /// `gold.track_cooccurrence.cooccurrence_score` (0–1) of the pair (seed, candidate).
    var cooccurrenceScore: Double
    /// 0–100: the user's `gold.artist_affinity` score for the candidate's artist, or the
    /// artist's global popularity (plays / the most played artist's plays × 100) without a user.
    var artistAffinity: Double
}
