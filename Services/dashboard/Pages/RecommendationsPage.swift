/// Recommendations: a user's top recommendations from recommender-api.
enum RecommendationsPage {
    /// Without a user: the most active listeners (`activeUsers`, most plays first), each a link.
    static func render(user: String?, result: Result<Recommender.UserRecommendations, Recommender.Failure>?, activeUsers: [String] = []) -> String {
        guard let user else {
            guard !activeUsers.isEmpty else {
                return Notice.empty("Choose a user", "Type a user id in the filter above to see that user's recommendations. (The most active listeners are listed here once gold has plays.)")
            }
            let links = activeUsers.map { user in
                "<li><a href=\"\(HTML.escape("/recommendations?user=" + AnalyticsFilter.percentEncoded(user)))\">\(HTML.escape(user))</a></li>"
            }
            return "<section class=\"card\" aria-labelledby=\"active-heading\"><h2 id=\"active-heading\">Choose a listener</h2>"
                + "<p class=\"muted\">The most active listeners, most plays first. Open one to see what the recommender suggests for them, or type any user id above.</p>"
                + "<ol class=\"user-links\" id=\"active-listeners\">" + links.joined() + "</ol></section>"
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
