import EventSchema
import Foundation
import HTTPClient
import HummingbirdTesting
import Redis
import TestSupport
import Testing

@testable import RecommenderAPI

/// End to end: a now_playing event POSTed to the running ingest-service goes through Kafka to
/// this instance's consumer and shows up on `/users/{id}/now-playing`.
@Suite("Now playing, fed by Kafka in real time")
struct NowPlayingTests {
    let http = HTTPClient()

    func postNowPlaying(user: String, track: String, extra: [String: String] = [:]) async throws {
        var event: [String: String] = [
            "event_id": UUID().uuidString.lowercased(), "user_id": user, "event_type": "now_playing", "track_id": track,
            "played_at": EventTimestamp(Date()).rfc3339, "source": "api",
        ]
        event.merge(extra) { _, new in new }
        let response = try await http.execute(HTTPRequest(
            method: .post, url: try TestEnvironment.require("INGEST_URL") + "/v1/events",
            headers: ["Content-Type": "application/json", "Authorization": "Bearer \(try TestEnvironment.require("INGEST_TOKEN"))"],
            body: Array(try JSONSerialization.data(withJSONObject: event))))
        #expect(response.status == 202, "ingest-service answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
    }

    /// Waits until the consumer group has given this instance its partitions (it starts at the
    /// topic's end, so earlier events are not seen): a warm-up user's event must come through.
    func waitUntilConsuming(_ client: some TestClientProtocol, track: String) async throws {
        let warmUp = TestEnvironment.uniqueName("warm_up")
        let consuming = try await eventually(timeout: .seconds(30), every: .milliseconds(500)) {
            try await postNowPlaying(user: warmUp, track: track)
            return try await client.get("/users/\(warmUp)/now-playing").json["now_playing"] is [String: Any]
        }
        try #require(consuming, "the now_playing consumer never received an event")
    }

    func fixtureTrack() async throws -> String {
        let warehouse = try await Warehouse.connect()
        defer { Task { await warehouse.close() } }
        return try await warehouse.trackWithCooccurrences(minimum: 3)
    }

    @Test("an event posted to ingest-service is on /users/{id}/now-playing within 1 s, with its recommendations")
    func endToEnd() async throws {
        let track = try await fixtureTrack()
        let redis = try await TemporaryRedisServer.start()
        let kafka = try TestEnvironment.require("KAFKA_BROKERS")
        let user = TestEnvironment.uniqueName("listener")
        try await RecommenderFixture.app(redisURL: redis.url, kafka: kafka).test(.router) { client in
            try await waitUntilConsuming(client, track: track)
            let posted = ContinuousClock.now
            try await postNowPlaying(user: user, track: track, extra: ["device_type": "mobile", "album_image_url": "https://example.com/a.jpg"])
            var body: [String: Any] = [:]
            let arrived = try await eventually(timeout: .seconds(1), every: .milliseconds(10)) {
                body = try await client.get("/users/\(user)/now-playing").json
                return (body["now_playing"] as? [String: Any])?["track_id"] as? String == track
            }
            let elapsed = ContinuousClock.now - posted
            #expect(arrived, "not visible within 1 s (took \(elapsed))")
            let nowPlaying = try #require(body["now_playing"] as? [String: Any])
            #expect(nowPlaying["device_type"] as? String == "mobile")
            #expect(nowPlaying["album_image_url"] as? String == "https://example.com/a.jpg")
            #expect((nowPlaying["track_name"] as? String)?.isEmpty == false, "names filled in from gold")
            #expect(nowPlaying["played_at"] is String && nowPlaying["received_at"] is String)
            #expect((body["recommendations"] as? [Any])?.isEmpty == false)
            #expect(body["user_id"] as? String == user)

            let direct = try await client.get("/recommendations/\(track)?user_id=\(user)").decode(TrackReply.self)
            #expect(direct.cacheHit == true, "now-playing filled the user variant's cache entry")
        }
        let stored = try await RedisClient(url: redis.url).getString("now_playing:\(user)")
        #expect(stored?.contains(track) == true, "the current track is kept in Redis under now_playing:{user_id}")
    }

    @Test("with Redis down the current track is still served from process memory")
    func redisDown() async throws {
        let track = try await fixtureTrack()
        let kafka = try TestEnvironment.require("KAFKA_BROKERS")
        try await RecommenderFixture.app(redisURL: RecommenderFixture.deadRedisURL, kafka: kafka).test(.router) { client in
            try await waitUntilConsuming(client, track: track)
            let user = TestEnvironment.uniqueName("offline_cache_listener")
            try await postNowPlaying(user: user, track: track)
            let arrived = try await eventually(timeout: .seconds(2)) {
                (try await client.get("/users/\(user)/now-playing").json["now_playing"] as? [String: Any])?["track_id"] as? String == track
            }
            #expect(arrived)
        }
    }
}
