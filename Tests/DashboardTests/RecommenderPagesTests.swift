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

    @Test("Recommendations: no user asks for one; an unknown user gets an empty state")
    func emptyStates() async throws {
        let client = DashboardTestClient(analytics: analytics, recommender: FakeRecommender(recommendations: .success(ContractPayloads.emptyUserRecommendations)))
        let none = try await client.get("/recommendations")
        #expect(none.status == .ok)
        #expect(none.body.contains("Choose a user"))
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

    @Test("Now Playing fragment: album art when known, empty state when nothing plays, 400 without a user")
    func fragment() async throws {
        let withArt = ContractPayloads.nowPlaying.replacingOccurrences(of: "\"album_image_url\":null", with: "\"album_image_url\":\"https://i.scdn.co/image/abc\"")
        let art = try await DashboardTestClient(analytics: analytics, recommender: FakeRecommender(nowPlaying: .success(withArt))).get("/now-playing/fragment?user=user_0042")
        #expect(art.status == .ok)
        #expect(art.body.contains("<img class=\"cover\" src=\"https://i.scdn.co/image/abc\" alt=\"Album art for Hurry Up, We&#39;re Dreaming\""))
        #expect(!art.body.contains("<html"))
        let idle = try await DashboardTestClient(analytics: analytics, recommender: FakeRecommender(nowPlaying: .success(ContractPayloads.nothingPlaying))).get("/now-playing/fragment?user=user_0042")
        #expect(idle.body.contains("Nothing playing for user_0042 right now"))
        let missing = try await DashboardTestClient(analytics: analytics, recommender: FakeRecommender()).get("/now-playing/fragment")
        #expect(missing.status == .badRequest)
        #expect(missing.body.contains("\"error\":\"missing_user\""))
    }

    @Test("contract payloads decode field by field")
    func decoding() throws {
        let snapshot = try HTTPRecommenderClient.decode(NowPlayingSnapshot.self, from: Array(ContractPayloads.nowPlaying.utf8), url: "x")
        #expect(snapshot.nowPlaying?.albumName == "Hurry Up, We're Dreaming")
        #expect(snapshot.nowPlaying?.albumImageURL == nil)
        #expect(snapshot.recommendations.first?.cooccurrenceScore == 0.6)
        #expect(snapshot.recommendations.first?.rank == nil)
        let user = try HTTPRecommenderClient.decode(UserRecommendations.self, from: Array(ContractPayloads.userRecommendations.utf8), url: "x")
        #expect(user.recommendations.map(\.rank) == [1, 2])
        #expect(user.recommendations[1].artistAffinity == 0)
        let stats = try HTTPRecommenderClient.decode(CacheStats.self, from: Array(ContractPayloads.cacheStats.utf8), url: "x")
        #expect(stats == CacheStats(hits: 41, misses: 9, hitRatio: 0.82, redisUp: true))
        #expect(throws: RecommenderFailure.invalidResponse(url: "x", detail: "not JSON")) {
            try HTTPRecommenderClient.decode(CacheStats.self, from: Array("<html>".utf8), url: "x")
        }
    }
}
