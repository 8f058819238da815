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

/// As an element of `gold.track_neighbours.candidates`, where the affinity is the artist's global
/// popularity (dbt wrote it without a user).
extension RecommendationCandidate: Decodable {
    enum CodingKeys: String, CodingKey {
        case trackID = "track_id"
        case trackName = "track_name"
        case artistName = "artist_name"
        case cooccurrenceScore = "cooccurrence_score"
        case artistAffinity = "artist_popularity"
    }
}
