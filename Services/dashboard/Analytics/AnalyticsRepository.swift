/// What the analytics pages read from the warehouse. The pages depend on this protocol, so
/// tests can check the rendering against the real warehouse or against fixed numbers.
protocol AnalyticsRepository: Sendable {
    func overview(_ filter: AnalyticsFilter) async throws -> OverviewMetrics
    func trends(_ filter: AnalyticsFilter) async throws -> TrendsData
    func topContent(_ filter: AnalyticsFilter, limit: Int) async throws -> TopContent
    /// Plays kept and rejected per day and reason, and silver's all-time quality checks.
    func quality(_ filter: AnalyticsFilter) async throws -> QualityData
    /// The most active users, offered as suggestions in the user filter.
    func suggestedUsers(limit: Int) async throws -> [String]
    /// The latest plays in silver, newest first (live activity when nobody is playing).
    func recentPlays(limit: Int) async throws -> [RecentPlay]
    /// Track and artist names by track id, for now_playing events that carried none.
    func trackNames(_ trackIDs: [String]) async throws -> [String: (track: String?, artist: String?)]
}
