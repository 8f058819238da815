import Testing

@testable import RecommenderAPI

@Suite("Scoring and reasons")
struct RecommendationScorerTests {
    let seed = SeedTrack(trackID: "seed", trackName: "Blinding Lights", artistName: "The Weeknd")

    func candidate(_ id: String, cooccurrence: Double, affinity: Double, artist: String = "Dua Lipa") -> RecommendationCandidate {
        RecommendationCandidate(trackID: id, trackName: "Song \(id)", artistName: artist, cooccurrenceScore: cooccurrence, artistAffinity: affinity)
    }

    @Test("the issue's formula: (cooccurrence × 0.7 + affinity/100 × 0.3) × 100, to 4 decimals")
    func formula() {
        #expect(RecommendationScorer.score(cooccurrence: 1, affinity: 100) == 100)
        #expect(RecommendationScorer.score(cooccurrence: 0, affinity: 0) == 0)
        #expect(RecommendationScorer.score(cooccurrence: 0.5, affinity: 40) == 47)
        #expect(RecommendationScorer.score(cooccurrence: 0.123456, affinity: 0) == 8.6419)
    }

    @Test("best score first; ties by stronger co-occurrence, then track id; limit applies")
    func ordering() {
        let ranked = RecommendationScorer.rank([
            candidate("c", cooccurrence: 0.2, affinity: 100),   // 44
            candidate("a", cooccurrence: 0.5, affinity: 0),     // 35
            candidate("b", cooccurrence: 0.5, affinity: 0),     // 35, same co-occurrence: id order
            candidate("d", cooccurrence: 0.1, affinity: 70),    // 28
            candidate("e", cooccurrence: 0.4, affinity: 23.33333333), // 34.9999...→ 35 after rounding, weaker co-occurrence
        ], seed: seed, personalized: true, limit: 4)
        #expect(ranked.map(\.trackID) == ["c", "a", "b", "e"])
        #expect(ranked[0].recommendationScore == 44)
        #expect(ranked[0].cooccurrenceScore == 0.2 && ranked[0].artistAffinity == 100)
    }

    @Test("reasons name the seed, the share of sessions, and the listener's taste")
    func reasons() {
        let personal = RecommendationScorer.rank(
            [candidate("x", cooccurrence: 0.34, affinity: 80), candidate("y", cooccurrence: 0.2, affinity: 10, artist: "Adele"),
             candidate("z", cooccurrence: 0.1, affinity: 0, artist: "Muse")],
            seed: seed, personalized: true, limit: 10)
        #expect(personal[0].reason == #"Played in 34% of the listening sessions with "Blinding Lights" by The Weeknd; you listen to Dua Lipa a lot"#)
        #expect(personal[1].reason.hasSuffix("; you have listened to Adele before"))
        #expect(personal[2].reason == #"Played in 10% of the listening sessions with "Blinding Lights" by The Weeknd"#)
        let global = RecommendationScorer.rank([candidate("x", cooccurrence: 0.34, affinity: 80)], seed: seed, personalized: false, limit: 10)
        #expect(global[0].reason.hasSuffix("; Dua Lipa is one of the most played artists"))
    }

    @Test("no candidates, no recommendations")
    func empty() {
        #expect(RecommendationScorer.rank([], seed: seed, personalized: false, limit: 10).isEmpty)
    }
}
