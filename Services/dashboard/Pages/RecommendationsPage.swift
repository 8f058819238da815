/// Recommendations: a user's top recommendations from recommender-api.
enum RecommendationsPage {
    static func render(user: String?, result: Result<UserRecommendations, RecommenderFailure>?) -> String {
        guard let user else {
            return Notice.empty("Choose a user", "Type a user id in the filter above (suggestions list the most active listeners) to see that user's recommendations.")
        }
        switch result {
        case .none:
            return ""
        case .failure(let failure):
            return Notice.error("Recommendations are unavailable", failure.description + " The analytics pages still work; recommendations come back when recommender-api answers again.")
        case .success(let recommendations) where recommendations.recommendations.isEmpty:
            return Notice.empty(
                "No recommendations for \(user) yet",
                "This user has no listening history the recommender knows (a new or unknown user). Recommendations appear after the user's plays go through the pipeline and dbt rebuilds gold.track_recommendations.")
        case .success(let recommendations):
            let generated = recommendations.generatedAt.map { " · generated \(HTML.escape($0))" } ?? ""
            let cache = recommendations.cacheHit.map { $0 ? " · from cache" : " · fresh from the warehouse" } ?? ""
            return "<section class=\"card\" aria-labelledby=\"recs-heading\"><h2 id=\"recs-heading\">Top \(recommendations.recommendations.count) for \(HTML.escape(user))</h2><p class=\"muted\">Score = (average co-occurrence × 0.7 + artist affinity / 100 × 0.3) × 100\(generated)\(cache)</p>"
                + RecommendationList.render(recommendations.recommendations, id: "recommendations") + "</section>"
        }
    }
}
