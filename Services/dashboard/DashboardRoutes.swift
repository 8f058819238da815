import Foundation
import Hummingbird
import Logging

/// The pages: Overview, Trends, Top content, Data quality (warehouse), Recommendations and Now Playing
/// (recommender-api), and the Now Playing fragment the page's script polls.
struct DashboardRoutes: Sendable {
    let analytics: any AnalyticsRepository
    let recommender: any RecommenderClient
    let suggestions: SuggestedUsers
    let logger: Logger

    init(analytics: any AnalyticsRepository, recommender: any RecommenderClient, logger: Logger) {
        self.analytics = analytics
        self.recommender = recommender
        self.suggestions = SuggestedUsers(analytics: analytics)
        self.logger = logger
    }

    func add(to router: Router<some RequestContext>) {
        router.get(RouterPath(DashboardPage.overview.path)) { request, _ in
            await analyticsPage(.overview, request, subtitle: "Listening at a glance for the selected range, device and user.") { filter in
                OverviewPage.render(try await analytics.overview(filter))
            }
        }
        router.get(RouterPath(DashboardPage.trends.path)) { request, _ in
            await analyticsPage(.trends, request, subtitle: "How listening changes over days and hours (all times UTC).") { filter in
                TrendsPage.render(try await analytics.trends(filter))
            }
        }
        router.get(RouterPath(DashboardPage.topContent.path)) { request, _ in
            await analyticsPage(.topContent, request, subtitle: "The most played tracks, artists and albums.") { filter in
                TopContentPage.render(try await analytics.topContent(filter, limit: 10))
            }
        }
        router.get(RouterPath(DashboardPage.quality.path)) { request, _ in
            await analyticsPage(.quality, request, subtitle: "What silver kept and what it rejected, per day and reason, and every quality check.") { filter in
                QualityPage.render(try await analytics.quality(filter))
            }
        }
        router.get(RouterPath(DashboardPage.recommendations.path)) { request, _ in
            await recommendationsPage(request)
        }
        router.get(RouterPath(DashboardPage.nowPlaying.path)) { request, _ in
            await nowPlayingPage(request)
        }
        router.get("/now-playing/fragment") { request, _ in
            guard let user = Self.user(request) else {
                return Self.html(.ok, await liveActivityFragment())
            }
            return Self.html(.ok, await nowPlayingFragment(user: user))
        }
    }

    private func analyticsPage(
        _ page: DashboardPage, _ request: Request, subtitle: String, content: (AnalyticsFilter) async throws -> String
    ) async -> Response {
        let users = await suggestions.current()
        let filter: AnalyticsFilter
        do throws(InvalidFilter) {
            filter = try AnalyticsFilter(query: Self.query(request))
        } catch {
            let form = FilterForm.render(page: page, filter: AnalyticsFilter(), users: users, invalid: error)
            return Self.html(.badRequest, PageLayout.render(page: page, heading: page.title, subtitle: subtitle, filter: AnalyticsFilter(), body: form))
        }
        let form = FilterForm.render(page: page, filter: filter, users: users, invalid: nil)
        do {
            let body = try await content(filter)
            return Self.html(.ok, PageLayout.render(page: page, heading: page.title, subtitle: subtitle, filter: filter, body: form + body))
        } catch {
            logger.warning("warehouse query failed", metadata: ["page": "\(page.rawValue)", "error": "\(error)"])
            return Self.html(.serviceUnavailable, PageLayout.render(page: page, heading: page.title, subtitle: subtitle, filter: filter, body: form + Notice.warehouseDown(error)))
        }
    }

    private func recommendationsPage(_ request: Request) async -> Response {
        let page = DashboardPage.recommendations
        let user = Self.user(request)
        let filter = AnalyticsFilter(user: user)
        let form = FilterForm.render(page: page, filter: filter, users: await suggestions.current(), invalid: nil)
        var result: Result<Recommender.UserRecommendations, Recommender.Failure>?
        if let user {
            result = await Self.capture { () async throws(Recommender.Failure) in try await recommender.userRecommendations(userID: user, limit: 10) }
            if case .failure(let failure) = result { logger.warning("recommender-api failed", metadata: ["error": "\(failure)"]) }
        }
        let body = RecommendationsPage.render(user: user, result: result, activeUsers: user == nil ? await suggestions.current() : [])
        let status: HTTPResponse.Status = if case .failure = result { .badGateway } else { .ok }
        return Self.html(status, PageLayout.render(
            page: page, heading: page.title, subtitle: "What the recommender suggests for one listener, best first.", filter: filter, body: form + body))
    }

    private func nowPlayingPage(_ request: Request) async -> Response {
        let page = DashboardPage.nowPlaying
        let user = Self.user(request)
        let filter = AnalyticsFilter(user: user)
        let form = FilterForm.render(page: page, filter: filter, users: await suggestions.current(), invalid: nil)
        let fragment = if let user { await nowPlayingFragment(user: user) } else { await liveActivityFragment() }
        let subtitle = user == nil
            ? "Live activity: who is listening right now, newest first; choose a listener to follow. Refreshes every 5 seconds."
            : "The track a listener is playing and what to play next; refreshes every 5 seconds."
        return Self.html(.ok, PageLayout.render(
            page: page, heading: page.title, subtitle: subtitle,
            filter: filter, body: form + NowPlayingPage.render(user: user, fragment: fragment), script: NowPlayingPage.script))
    }

    private func nowPlayingFragment(user: String) async -> String {
        async let snapshot = Self.capture { () async throws(Recommender.Failure) in try await recommender.nowPlaying(userID: user) }
        async let stats = Self.capture { () async throws(Recommender.Failure) in try await recommender.cacheStats() }
        return NowPlayingFragment.render(user: user, snapshot: await snapshot, stats: await stats, now: Date())
    }

    /// Live activity; the warehouse's latest plays are read only when nobody is playing (or
    /// recommender-api cannot say).
    private func liveActivityFragment() async -> String {
        var activity = await Self.capture { () async throws(Recommender.Failure) in try await recommender.liveActivity(limit: Self.liveActivityLimit) }
        if case .success(let listing) = activity { activity = .success(await named(listing)) }
        var recent: Result<[RecentPlay], any Error>?
        let anyoneLive = (try? activity.get())?.listeners.contains { $0.nowPlaying.live != false } ?? false
        if !anyoneLive {
            do {
                recent = .success(try await analytics.recentPlays(limit: Self.liveActivityLimit))
            } catch {
                logger.warning("warehouse query failed", metadata: ["page": "now-playing", "error": "\(error)"])
                recent = .failure(error)
            }
        }
        return LiveActivityFragment.render(activity: activity, recentPlays: recent, now: Date())
    }

    /// Fills in track and artist names that now_playing events did not carry, from silver (one
    /// indexed lookup); without the warehouse the ids are shown.
    private func named(_ activity: LiveActivity) async -> LiveActivity {
        let missing = Set(activity.listeners.filter { $0.nowPlaying.trackName == nil }.map(\.nowPlaying.trackID))
        guard !missing.isEmpty, let names = try? await analytics.trackNames(missing.sorted()) else { return activity }
        var activity = activity
        for index in activity.listeners.indices {
            guard activity.listeners[index].nowPlaying.trackName == nil,
                  let known = names[activity.listeners[index].nowPlaying.trackID] else { continue }
            activity.listeners[index].nowPlaying.trackName = known.track
            activity.listeners[index].nowPlaying.artistName = activity.listeners[index].nowPlaying.artistName ?? known.artist
        }
        return activity
    }

    /// recommender-api's largest `limit`.
    static let liveActivityLimit = 50

    private static func capture<T>(_ body: () async throws(Recommender.Failure) -> T) async -> Result<T, Recommender.Failure> {
        do throws(Recommender.Failure) {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }

    private static func query(_ request: Request) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where values[String(key)] == nil {
            values[String(key)] = String(value)
        }
        return values
    }

    private static func user(_ request: Request) -> String? {
        guard let raw = query(request)["user"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty, raw.count <= 128 else { return nil }
        return raw
    }

    private static func html(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
