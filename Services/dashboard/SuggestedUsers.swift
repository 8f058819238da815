/// The user filter's suggestions, read at most once a minute: every page shows them, and the
/// most active users barely change between dbt runs.
actor SuggestedUsers {
    private let analytics: any AnalyticsRepository
    private var cached: (users: [String], at: ContinuousClock.Instant)?

    init(analytics: any AnalyticsRepository) {
        self.analytics = analytics
    }

    /// The cached list, a fresh one, or empty when the warehouse does not answer (the page says why).
    func current() async -> [String] {
        if let cached, ContinuousClock.now - cached.at < .seconds(60) { return cached.users }
        guard let users = try? await analytics.suggestedUsers(limit: 50) else { return cached?.users ?? [] }
        cached = (users, ContinuousClock.now)
        return users
    }
}
