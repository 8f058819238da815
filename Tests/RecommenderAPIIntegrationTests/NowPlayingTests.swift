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
@Suite("Now playing, fed by Kafka in real time", .integration)
struct NowPlayingTests {
    let http = HTTPClient()

    func postNowPlaying(user: String, track: String, extra: [String: Any] = [:]) async throws {
        var event: [String: Any] = [
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

    struct Listed: Sendable {
        var user: String
        var live: Bool?
    }

    /// `GET /now-playing`'s listeners, in order.
    static func listeners(_ client: some TestClientProtocol) async throws -> [Listed] {
        let reply = try await client.get("/now-playing?limit=50")
        #expect(reply.status == .ok)
        return (reply.json["listeners"] as? [[String: Any]] ?? []).map {
            Listed(user: $0["user_id"] as? String ?? "", live: ($0["now_playing"] as? [String: Any])?["live"] as? Bool)
        }
    }

    @Test("GET /now-playing: every listener newest first, shared with other replicas through Redis; an ended track is not live")
    func liveActivity() async throws {
        let track = try await fixtureTrack()
        let redis = try await TemporaryRedisServer.start()
        let kafka = try TestEnvironment.require("KAFKA_BROKERS")
        let earlier = TestEnvironment.uniqueName("earlier"), latest = TestEnvironment.uniqueName("latest")
        let ended = TestEnvironment.uniqueName("ended")
        let now = Date()
        let ours: Set = [earlier, latest, ended]
        try await RecommenderFixture.app(redisURL: redis.url, kafka: kafka).test(.router) { client in
            try await waitUntilConsuming(client, track: track)
            // 20 minutes ago, a 3-minute track: over. Then two that are playing, dated a minute or
            // two ahead (within the accepted clock skew) so that other tests' listeners, posting
            // to the same topic at the same time, cannot push them off the first page.
            let events: [(user: String, extra: [String: Any])] = [
                (ended, ["played_at": EventTimestamp(now.addingTimeInterval(-1_200)).rfc3339, "duration_ms": 180_000]),
                (earlier, ["played_at": EventTimestamp(now.addingTimeInterval(60)).rfc3339, "duration_ms": 200_000]),
                (latest, ["played_at": EventTimestamp(now.addingTimeInterval(120)).rfc3339]),
            ]
            var seen: [Listed] = []
            let arrived = try await eventually(timeout: .seconds(10), every: .milliseconds(250)) {
                // Each partition's "latest" start offset is fixed when the consumer first fetches
                // from it, which can be after an event was written there: send again until seen.
                var missing = 0
                for event in events {
                    let current = try await client.get("/users/\(event.user)/now-playing").json["now_playing"]
                    if current is [String: Any] { continue }
                    missing += 1
                    try await postNowPlaying(user: event.user, track: track, extra: event.extra)
                }
                seen = try await Self.listeners(client).filter { ours.contains($0.user) }
                return missing == 0 && seen.count >= 2
            }
            #expect(arrived, "listed: \(seen)")
            #expect(Array(seen.map(\.user).prefix(2)) == [latest, earlier], "newest played_at first")
            #expect(Array(seen.map(\.live).prefix(2)) == [true, true])
            // Older than other tests' listeners, the ended one is listed only while fewer than 50 are newer.
            #expect(seen.dropFirst(2).allSatisfy { $0.user == ended && $0.live == false }, "listed: \(seen)")
            let one = try await client.get("/users/\(ended)/now-playing").json["now_playing"] as? [String: Any]
            #expect(one?["live"] as? Bool == false, "the per-user answer judges the same way")
            #expect(one?["duration_ms"] as? Int == 180_000)
        }
        // A replica that consumed none of these events (no Kafka at all) lists them from Redis.
        try await RecommenderFixture.app(redisURL: redis.url).test(.router) { client in
            let listed = try await Self.listeners(client).filter { ours.contains($0.user) }
            #expect(Array(listed.map(\.user).prefix(2)) == [latest, earlier])
        }
        let reply = try await RedisClient(url: redis.url).send("ZRANGE", "now_playing_recent", 0, -1)
        guard case .array(let members) = reply else { Issue.record("ZRANGE answered \(reply)"); return }
        #expect(members.compactMap(\.string).contains(latest), "the shared index is the now_playing_recent sorted set")
    }

    @Test("a replica taking over the group's partitions resumes where the group was: nothing posted in between is skipped, nothing handled is replayed")
    func takeOver() async throws {
        let track = try await fixtureTrack()
        let kafka = try TestEnvironment.require("KAFKA_BROKERS")
        // Both replicas in one group, each with a Redis of its own: what the second knows, its
        // consumer read from Kafka.
        let group = ["RECOMMENDER_API_NOW_PLAYING_GROUP": TestEnvironment.uniqueName("takeover")]
        let first = try await TemporaryRedisServer.start(), second = try await TemporaryRedisServer.start()
        let handled = TestEnvironment.uniqueName("handled"), between = TestEnvironment.uniqueName("between")
        try await RecommenderFixture.app(redisURL: first.url, kafka: kafka, extra: group).test(.router) { client in
            try await waitUntilConsuming(client, track: track)
            try await postNowPlaying(user: handled, track: track)
            let arrived = try await eventually(timeout: .seconds(10), every: .milliseconds(100)) {
                try await client.get("/users/\(handled)/now-playing").json["now_playing"] is [String: Any]
            }
            try #require(arrived, "the first replica never saw \(handled)")
        }
        // Posted while the group has no member: a start at the topic's end would skip it.
        try await postNowPlaying(user: between, track: track)
        try await RecommenderFixture.app(redisURL: second.url, kafka: kafka, extra: group).test(.router) { client in
            let resumed = try await eventually(timeout: .seconds(20), every: .milliseconds(250)) {
                (try await client.get("/users/\(between)/now-playing").json["now_playing"] as? [String: Any])?["track_id"] as? String == track
            }
            #expect(resumed, "the event posted between the two replicas was skipped")
            let replayed = try await client.get("/users/\(handled)/now-playing").json["now_playing"]
            #expect(!(replayed is [String: Any]), "the first replica committed what it handled before it left")
        }
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
            let listed = try await client.get("/now-playing").json["listeners"] as? [[String: Any]]
            #expect(listed?.contains { $0["user_id"] as? String == user } == true, "live activity falls back to process memory too")
        }
    }
}
