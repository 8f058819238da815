import HTTPClient
import Hummingbird
import Testing

@testable import Dashboard

/// Recommendations and Now Playing against an in-process recommender-api with the contract's
/// payloads, and against one that is down or answers errors.
@Suite("recommender pages")
struct RecommenderPagesTests {
    let analytics = FixedAnalytics()

    @Test("Recommendations: ranks, score bars, reasons, co-occurrence, affinity, Play links, escaped text")
    func recommendations() async throws {
        let page = try await DashboardTestClient(analytics: analytics, recommender: FakeRecommender()).get("/recommendations?user=user_0042")
        #expect(page.status == .ok)
        #expect(page.body.contains("Top 2 for user_0042"))
        #expect(page.body.contains("Night &lt;Drive&gt;"))
        #expect(!page.body.contains("Night <Drive>"))
        #expect(page.body.contains("href=\"https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC\""))
        #expect(page.body.contains("aria-valuenow=\"87.5\""))
        #expect(page.body.contains("width:41.3%") || page.body.contains("width:41.2%"))
        #expect(page.body.contains("co-occurrence <strong>0.850</strong>"))
        #expect(page.body.contains("artist affinity <strong>92.5</strong>"))
        #expect(page.body.contains("Often played in the same session as &quot;Sunset&quot; by FM-84"))
        #expect(page.body.contains("from cache"))
    }

    @Test("Recommendations: no user lists the most active listeners as links; an unknown user gets an empty state")
    func emptyStates() async throws {
        let client = DashboardTestClient(analytics: analytics, recommender: FakeRecommender(recommendations: .success(ContractPayloads.emptyUserRecommendations)))
        let none = try await client.get("/recommendations")
        #expect(none.status == .ok)
        #expect(none.body.contains("Choose a listener"))
        #expect(none.body.contains("<ol class=\"user-links\" id=\"active-listeners\"><li><a href=\"/recommendations?user=user_0042\">user_0042</a></li><li><a href=\"/recommendations?user=user%20%3C7%3E\">user &lt;7&gt;</a></li></ol>"))
        let noWarehouse = try await DashboardTestClient(analytics: FixedAnalytics(failing: true), recommender: FakeRecommender()).get("/recommendations")
        #expect(noWarehouse.body.contains("Choose a user"), "without suggestions it still says what to do")
        let unknown = try await client.get("/recommendations?user=nobody")
        #expect(unknown.status == .ok)
        #expect(unknown.body.contains("No recommendations for nobody yet"))
        #expect(!unknown.body.contains("class=\"notice notice-error\""))
    }

    @Test("recommender-api unreachable: the pages say so (real HTTP client, closed port)")
    func unreachable() async throws {
        let down = HTTPRecommenderClient(
            baseURL: "http://127.0.0.1:9", client: HTTPClient(), timeout: HTTPTimeout(connect: .seconds(1), total: .seconds(2)))
        let client = DashboardTestClient(analytics: analytics, recommender: down)
        let recommendations = try await client.get("/recommendations?user=user_0042")
        #expect(recommendations.status == .badGateway)
        #expect(recommendations.body.contains("notice-error"))
        #expect(recommendations.body.contains("recommender-api is unreachable (http://127.0.0.1:9/users/user_0042/recommendations?limit=10: could not connect)"))
        let nowPlaying = try await client.get("/now-playing?user=user_0042")
        #expect(nowPlaying.status == .ok)
        #expect(nowPlaying.body.contains("recommender-api is not answering"))
        #expect(nowPlaying.body.contains("Cache hit rate unavailable"))
    }

    @Test("recommender-api answering an error or a wrong shape: the page quotes it")
    func errorAnswers() async throws {
        let failing = FakeRecommender(
            recommendations: .failure(.errorStatus(url: "http://r/users/u/recommendations", status: 503, code: "postgres_unavailable", message: "The warehouse is not answering.")),
            nowPlaying: .success("{\"user_id\":\"u\",\"now_playing\":null}"))
        let client = DashboardTestClient(analytics: analytics, recommender: failing)
        let page = try await client.get("/recommendations?user=u")
        #expect(page.status == .badGateway)
        #expect(page.body.contains("recommender-api answered HTTP 503 for http://r/users/u/recommendations — postgres_unavailable: The warehouse is not answering."))
        let fragment = try await client.get("/now-playing/fragment?user=u")
        #expect(fragment.body.contains("cannot read"))
        #expect(fragment.body.contains("missing field recommendations"))
    }

    @Test("Now Playing: current track with a generated cover, top recommendations, cache hit rate, refresh script")
    func nowPlaying() async throws {
        let page = try await DashboardTestClient(analytics: analytics, recommender: FakeRecommender()).get("/now-playing?user=user_0042")
        #expect(page.status == .ok)
        #expect(page.body.contains("data-now-track=\"7ouMYWpwJ422jRcDASZB7P\""))
        #expect(page.body.contains("Midnight City"))
        #expect(page.body.contains("aria-label=\"Generated cover for Midnight City\""))
        #expect(page.body.contains("id=\"now-playing-recommendations\""))
        #expect(page.body.contains("href=\"https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC\""))
        #expect(page.body.contains("Recommendation cache hit rate: <strong>82.0 %</strong> (41 hits, 9 misses"))
        #expect(page.body.contains("data-fragment-url=\"/now-playing/fragment?user=user_0042\""))
        #expect(page.body.contains("setInterval(refresh,5000)"))
        #expect(page.body.contains("id=\"np-refresh\""))
        #expect(page.body.contains("updated 0 s ago"))
    }

    @Test("Now Playing without a user: live activity, newest first, each listener a link; ended tracks apart as last played")
    func liveActivity() async throws {
        let client = DashboardTestClient(analytics: analytics, recommender: FakeRecommender())
        let page = try await client.get("/now-playing")
        #expect(page.status == .ok)
        #expect(page.body.contains("data-fragment-url=\"/now-playing/fragment\""))
        #expect(page.body.contains("setInterval(refresh,5000)"))
        #expect(page.body.contains("Playing now · 2 listeners"))
        let live = try #require(page.body.range(of: "id=\"live-listeners\"")).upperBound
        let ended = try #require(page.body.range(of: "id=\"ended-listeners\"")).upperBound
        let first = try #require(page.body.range(of: "data-user=\"user_0007\"")).lowerBound
        let second = try #require(page.body.range(of: "data-user=\"user &lt;0042&gt;\"")).lowerBound
        let stale = try #require(page.body.range(of: "data-user=\"user_0099\"")).lowerBound
        #expect(live < first && first < second && second < ended && ended < stale, "newest first; the ended track in its own table")
        #expect(page.body.contains("<a href=\"/now-playing?user=user%20%3C0042%3E\">user &lt;0042&gt;</a>"))
        #expect(page.body.contains("2026-11-22 09:59:30 UTC"))
        #expect(page.body.contains("Blinding Lights") && page.body.contains("mobile"))
        #expect(!page.body.contains("Latest plays"), "the warehouse is not asked while someone is playing")
        #expect(page.body.contains("Named From Silver") && page.body.contains("Silver Artist"), "names the event did not carry come from silver")

        let fragment = try await client.get("/now-playing/fragment")
        #expect(fragment.status == .ok)
        #expect(fragment.body.contains("id=\"live-listeners\""))
        #expect(!fragment.body.contains("<html"))
    }

    @Test("Now Playing without a user, nobody playing: says so and shows the latest plays from silver")
    func nobodyPlaying() async throws {
        let client = DashboardTestClient(analytics: analytics, recommender: FakeRecommender(activity: .success(ContractPayloads.nobodyLive)))
        let fragment = try await client.get("/now-playing/fragment")
        #expect(fragment.status == .ok)
        #expect(fragment.body.contains("Nobody is playing right now"))
        #expect(!fragment.body.contains("id=\"live-listeners\""))
        #expect(fragment.body.contains("id=\"recent-plays\""))
        #expect(fragment.body.contains("Latest &lt;Song&gt;"))
        #expect(fragment.body.contains("2026-11-22 09:59:00 UTC"))
        #expect(fragment.body.contains("<a href=\"/now-playing?user=user_0003\">user_0003</a>"))
        #expect(fragment.body.contains("id=\"ended-listeners\""), "an ended track is still shown as last played")

        let down = try await DashboardTestClient(analytics: analytics, recommender: FakeRecommender(activity: .failure(.unreachable(url: "http://r/now-playing", detail: "could not connect"))))
            .get("/now-playing/fragment")
        #expect(down.body.contains("Live activity is unavailable"))
        #expect(down.body.contains("id=\"recent-plays\""), "the warehouse still shows the latest plays")

        let neither = try await DashboardTestClient(analytics: FixedAnalytics(failing: true), recommender: FakeRecommender(activity: .success(ContractPayloads.nobodyLive)))
            .get("/now-playing/fragment")
        #expect(neither.status == .ok)
        #expect(neither.body.contains("The latest plays cannot be read"))
    }

    @Test("Now Playing for a listener whose track has ended: last played with its time, not live")
    func endedTrack() async throws {
        let ended = ContractPayloads.nowPlaying.replacingOccurrences(of: "\"live\":true", with: "\"live\":false")
        #expect(ended != ContractPayloads.nowPlaying)
        let page = try await DashboardTestClient(analytics: analytics, recommender: FakeRecommender(nowPlaying: .success(ended))).get("/now-playing/fragment?user=user_0042")
        #expect(page.body.contains("data-state=\"ended\">Last played"))
        #expect(page.body.contains("at 2026-11-22 09:59:00 UTC"))
        #expect(!page.body.contains("Now playing</span>"))
        let live = try await DashboardTestClient(analytics: analytics, recommender: FakeRecommender()).get("/now-playing/fragment?user=user_0042")
        #expect(live.body.contains("data-state=\"live\">Now playing"))
        #expect(live.body.contains("since 2026-11-22 09:59:00 UTC"))
    }

    @Test("Now Playing fragment: album art when known, empty state when nothing plays")
    func fragment() async throws {
        let withArt = ContractPayloads.nowPlaying.replacingOccurrences(of: "\"album_image_url\":null", with: "\"album_image_url\":\"https://i.scdn.co/image/abc\"")
        let art = try await DashboardTestClient(analytics: analytics, recommender: FakeRecommender(nowPlaying: .success(withArt))).get("/now-playing/fragment?user=user_0042")
        #expect(art.status == .ok)
        #expect(art.body.contains("<img class=\"cover\" src=\"https://i.scdn.co/image/abc\" alt=\"Album art for Hurry Up, We&#39;re Dreaming\""))
        #expect(!art.body.contains("<html"))
        let idle = try await DashboardTestClient(analytics: analytics, recommender: FakeRecommender(nowPlaying: .success(ContractPayloads.nothingPlaying))).get("/now-playing/fragment?user=user_0042")
        #expect(idle.body.contains("Nothing playing for user_0042 right now"))
    }

    @Test("Data quality renders kept and rejected per day with a column per reason, escaped, and 503 without the warehouse")
    func qualityPage() async throws {
        let page = try await DashboardTestClient(analytics: analytics, recommender: FakeRecommender()).get("/quality?device=mobile")
        #expect(page.status == .ok)
        #expect(page.body.contains("<th scope=\"col\">duplicate</th><th scope=\"col\">invalid_duration</th>"), "reasons in the model's rule order")
        #expect(page.body.contains("<tr data-day=\"2026-11-21\"><td>2026-11-21</td><td>90</td><td>10</td><td data-reason=\"duplicate\">4</td><td data-reason=\"invalid_duration\">6</td></tr>"))
        #expect(page.body.contains("5.00 % of bronze rows"), "10 of 200")
        #expect(page.body.contains("rejected_&lt;duplicate&gt;"))
        #expect(page.body.contains("id=\"chart-rejected\""))
        #expect(page.body.contains("value=\"mobile\"") || page.body.contains("<option value=\"mobile\" selected"), "the filters apply and show")
        let down = try await DashboardTestClient(analytics: FixedAnalytics(failing: true), recommender: FakeRecommender()).get("/quality")
        #expect(down.status == .serviceUnavailable)
    }

    @Test("contract payloads decode field by field")
    func decoding() throws {
        let snapshot = try HTTPRecommenderClient.decode(NowPlayingSnapshot.self, from: Array(ContractPayloads.nowPlaying.utf8), url: "x")
        #expect(snapshot.nowPlaying?.albumName == "Hurry Up, We're Dreaming")
        #expect(snapshot.nowPlaying?.albumImageURL == nil)
        #expect(snapshot.nowPlaying?.durationMs == 243_000 && snapshot.nowPlaying?.live == true)
        let activity = try HTTPRecommenderClient.decode(LiveActivity.self, from: Array(ContractPayloads.liveActivity.utf8), url: "x")
        #expect(activity.listeners.map(\.userID) == ["user_0007", "user <0042>", "user_0099"])
        #expect(activity.listeners.map(\.nowPlaying.live) == [true, true, false])
        #expect(activity.listeners[2].nowPlaying.durationMs == nil)
        #expect(snapshot.recommendations.first?.cooccurrenceScore == 0.6)
        #expect(snapshot.recommendations.first?.rank == nil)
        let user = try HTTPRecommenderClient.decode(Recommender.UserRecommendations.self, from: Array(ContractPayloads.userRecommendations.utf8), url: "x")
        #expect(user.recommendations.map(\.rank) == [1, 2])
        #expect(user.recommendations[1].artistAffinity == 0)
        let stats = try HTTPRecommenderClient.decode(Recommender.CacheStats.self, from: Array(ContractPayloads.cacheStats.utf8), url: "x")
        #expect(stats == Recommender.CacheStats(hits: 41, misses: 9, hitRatio: 0.82, redisUp: true))
        #expect(throws: Recommender.Failure.invalidResponse(url: "x", detail: "not JSON")) {
            try HTTPRecommenderClient.decode(Recommender.CacheStats.self, from: Array("<html>".utf8), url: "x")
        }
    }
}
