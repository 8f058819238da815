/// The dashboard's pages, in navigation order.
enum DashboardPage: String, CaseIterable, Sendable {
    case overview, trends, topContent, quality, recommendations, nowPlaying

    var path: String {
        switch self {
        case .overview: return "/"
        case .trends: return "/trends"
        case .topContent: return "/top"
        case .quality: return "/quality"
        case .recommendations: return "/recommendations"
        case .nowPlaying: return "/now-playing"
        }
    }

    var title: String {
        switch self {
        case .overview: return "Overview"
        case .trends: return "Trends"
        case .topContent: return "Top content"
        case .quality: return "Data quality"
        case .recommendations: return "Recommendations"
        case .nowPlaying: return "Now Playing"
        }
    }

    /// Pages reading the warehouse take every filter; the recommender pages only the user.
    var takesDateAndDeviceFilters: Bool { self == .overview || self == .trends || self == .topContent || self == .quality }
}
