import Foundation
import HTTPClient
import Logging
import Postgres
import TestSupport
import Testing

@testable import Dashboard

/// A now_playing event posted to ingest-service shows on the dashboard's Now Playing fragment
/// within 6 s (ingest-service → Kafka → recommender-api → dashboard), and in live activity.
/// Needs the real
/// recommender-api at RECOMMENDER_URL.
@Suite("Now Playing end to end", .integration)
struct NowPlayingEndToEndTests {
    @Test("a posted now_playing event appears within 6 s, with the track's recommendations")
    func nowPlayingUpdates() async throws {
        let ingestURL = try TestEnvironment.require("INGEST_URL")
        let recommenderURL = try TestEnvironment.require("RECOMMENDER_URL")
        let pool = PostgresConnectionPool(conninfo: try TestEnvironment.require("POSTGRES_URL"), size: 1)
        // A track with co-occurring tracks, so the recommendations list is not empty.
        let track = try await pool.withConnection { connection in
            try await connection.query("""
                select c.track_a, t.track_name, t.artist_name from gold.track_cooccurrence c
                join silver.silver_tracks t on t.track_id = c.track_a
                group by 1, 2, 3 order by count(*) desc, 1 limit 1
                """, [])[0]
        }
        let trackID: String = try track.decode(0)
        let user = TestEnvironment.uniqueName("dash_e2e")
        let http = HTTPClient()
        let event: [String: Any] = [
            "event_id": UUID().uuidString.lowercased(), "user_id": user, "event_type": "now_playing", "track_id": trackID,
            "track_name": try track.decode(1, as: String.self), "artist_name": try track.decode(2, as: String.self),
            "played_at": ISO8601DateFormatter().string(from: Date()), "device_type": "desktop", "source": "api",
        ]
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let token = ProcessInfo.processInfo.environment["INGEST_TOKEN"], !token.isEmpty { headers.add(name: "Authorization", value: "Bearer \(token)") }
        let client = DashboardTestClient(
            analytics: FixedAnalytics(),
            recommender: HTTPRecommenderClient(baseURL: recommenderURL, client: http, timeout: HTTPTimeout(connect: .seconds(1), total: .seconds(3))))
        let before = try await client.get("/now-playing/fragment?user=\(user)")
        #expect(before.body.contains("Nothing playing for \(user)"), "\(before.body)")

        let posted = ContinuousClock.now
        let response = try await http.execute(HTTPRequest(
            method: .post, url: ingestURL + "/v1/events", headers: headers, body: Array(try JSONSerialization.data(withJSONObject: event))))
        #expect(response.status == 202, "\(response.bodyText)")
        var shown = false
        while ContinuousClock.now - posted < .seconds(6) {
            let page = try await client.get("/now-playing/fragment?user=\(user)")
            if page.body.contains("data-now-track=\"\(trackID)\"") {
                shown = true
                #expect(page.body.contains("id=\"now-playing-recommendations\""))
                #expect(page.body.contains("Recommendation cache hit rate"))
                break
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(shown, "the dashboard did not show \(trackID) for \(user) within 6 s of the event")
        // Live activity (no user chosen) lists the same listener as playing now, linking to them.
        let activity = try await client.get("/now-playing/fragment")
        let table = try #require(activity.body.range(of: "id=\"live-listeners\""), "\(activity.body)")
        let row = try #require(activity.body.range(of: "data-user=\"\(user)\""), "\(user) is not in live activity")
        #expect(table.upperBound < row.lowerBound)
        #expect(activity.body.contains("href=\"/now-playing?user=\(user)\""))
    }
}
