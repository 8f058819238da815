/// Turns candidates into ranked, explained recommendations with issue #8's formula:
/// `(cooccurrence × 0.7 + affinity / 100 × 0.3) × 100`.
enum RecommendationScorer {
    /// Scores are rounded to 4 decimals before ranking (as gold.track_recommendations does), so
    /// float noise cannot reorder ties; ties go to the stronger co-occurrence, then the track id.
    static func rank(
        _ candidates: [RecommendationCandidate], seed: SeedTrack, personalized: Bool, limit: Int
    ) -> [RecommendationItem] {
        let scored = candidates.map { candidate in
            RecommendationItem(
                trackID: candidate.trackID,
                trackName: candidate.trackName,
                artistName: candidate.artistName,
                recommendationScore: score(cooccurrence: candidate.cooccurrenceScore, affinity: candidate.artistAffinity),
                reason: reason(for: candidate, seed: seed, personalized: personalized),
                cooccurrenceScore: candidate.cooccurrenceScore,
                artistAffinity: candidate.artistAffinity
            )
        }
        let ordered = scored.sorted { a, b in
            if a.recommendationScore != b.recommendationScore { return a.recommendationScore > b.recommendationScore }
            if a.cooccurrenceScore != b.cooccurrenceScore { return a.cooccurrenceScore > b.cooccurrenceScore }
            return a.trackID < b.trackID
        }
        return Array(ordered.prefix(limit))
    }

    static func score(cooccurrence: Double, affinity: Double) -> Double {
        let raw = (cooccurrence * 0.7 + affinity / 100 * 0.3) * 100
        return (raw * 10_000).rounded() / 10_000
    }

    /// One sentence a listener understands: why this track follows the seed, and what their
    /// taste (or everyone's, without a user) adds.
    static func reason(for candidate: RecommendationCandidate, seed: SeedTrack, personalized: Bool) -> String {
        let percent = Int((candidate.cooccurrenceScore * 100).rounded())
        var text = "Played in \(percent)% of the listening sessions with \"\(seed.trackName)\""
        if !seed.artistName.isEmpty { text += " by \(seed.artistName)" }
        let artist = candidate.artistName.isEmpty ? "this artist" : candidate.artistName
        switch (personalized, candidate.artistAffinity) {
        case (true, 50...): text += "; you listen to \(artist) a lot"
        case (true, let affinity) where affinity > 0: text += "; you have listened to \(artist) before"
        case (false, 50...): text += "; \(artist) is one of the most played artists"
        default: break
        }
        return text
    }
}
