import Foundation
import HummingbirdTesting
import Redis
import TestSupport
import Testing

@testable import RecommenderAPI

/// The Redis cache against a real redis-server of the test's own (so invalidating everything
/// or stopping it cannot disturb anyone else), with gold from the stack's warehouse.
@Suite("Redis cache: hits, TTL, invalidation, Redis outages", .integration)
struct CacheBehaviourTests {
    func fixtureTrack() async throws -> String {
        let warehouse = try await Warehouse.connect()
        defer { Task { await warehouse.close() } }
        return try await warehouse.trackWithCooccurrences(minimum: 3)
    }

    @Test("miss then hit with the same body; key rec:{track}:{limit} and the user variant live ~3600 s")
    func hitMissAndTTL() async throws {
        let track = try await fixtureTrack()
        let redis = try await TemporaryRedisServer.start()
        let inspector = try RedisClient(url: redis.url)
        let user = TestEnvironment.uniqueName("cache_user")
        try await RecommenderFixture.app(redisURL: redis.url).test(.router) { client in
            let first = try await client.get("/recommendations/\(track)?limit=4")
            let second = try await client.get("/recommendations/\(track)?limit=4")
            #expect(first.status == .ok && second.status == .ok)
            let miss = try first.decode(TrackReply.self), hit = try second.decode(TrackReply.self)
            #expect(miss.cacheHit == false)
            #expect(hit.cacheHit == true)
            #expect(hit.recommendations == miss.recommendations)
            #expect(hit.generatedAt == miss.generatedAt, "a hit serves the stored answer")
            let ttl = try await inspector.send("TTL", "rec:\(track):4").integer
            #expect((3590...3600).contains(ttl ?? -1), "TTL was \(String(describing: ttl))")

            _ = try await client.get("/recommendations/\(track)?limit=4&user_id=\(user)")
            let userTTL = try await inspector.send("TTL", "rec:\(track):u:\(user):4").integer
            #expect((3590...3600).contains(userTTL ?? -1))
            #expect(try await client.get("/recommendations/\(track)?limit=4&user_id=\(user)").cacheHit == true)
            #expect(try await client.get("/recommendations/\(track)?limit=5").cacheHit == false, "the limit is part of the key")

            let stats = try await client.get("/cache/stats").json
            #expect(stats["hits"] as? Int == 2)
            #expect(stats["misses"] as? Int == 3)
            #expect(abs((stats["hit_ratio"] as? Double ?? 0) - 0.4) < 1e-9)
            #expect(stats["redis_up"] as? Bool == true)
            let metrics = String(decoding: try await client.get("/metrics").body, as: UTF8.self)
            #expect(metrics.contains("recommender_cache_hits_total"))
            #expect(metrics.contains("recommender_postgres_query_duration_seconds"))
            #expect(metrics.contains("http_server_request_duration"), "per-route latency histogram")
        }
    }

    @Test("invalidating one track drops only its keys; an empty body drops every rec:* key; the admin token is required")
    func invalidation() async throws {
        let warehouse = try await Warehouse.connect()
        let tracks = try await warehouse.strings("""
            select track_a from gold.track_cooccurrence group by track_a having count(*) >= 2 order by track_a collate "C" limit 2
            """)
        await warehouse.close()
        try #require(tracks.count == 2)
        let redis = try await TemporaryRedisServer.start()
        let inspector = try RedisClient(url: redis.url)
        try await inspector.set("unrelated", to: "stays")
        let token = "test-admin-token"
        try await RecommenderFixture.app(redisURL: redis.url, adminToken: token).test(.router) { client in
            for track in tracks {
                _ = try await client.get("/recommendations/\(track)?limit=3")
                _ = try await client.get("/recommendations/\(track)?limit=3&user_id=u1")
            }
            #expect(try await client.post("/cache/invalidate").status == .unauthorized)
            #expect(try await client.post("/cache/invalidate", token: "wrong-token").status == .unauthorized)
            #expect(try await client.post("/cache/invalidate", body: "{not json", token: token).status == .badRequest)
            #expect(try await client.post("/cache/invalidate", body: #"{"track_id":"bad id"}"#, token: token).errorCode == "invalid_track_id")

            let one = try await client.post("/cache/invalidate", body: #"{"track_id":"\#(tracks[0])"}"#, token: token)
            #expect(one.status == .ok)
            #expect(one.json["invalidated"] as? Int == 2)
            #expect(try await client.get("/recommendations/\(tracks[0])?limit=3").cacheHit == false)
            #expect(try await client.get("/recommendations/\(tracks[1])?limit=3").cacheHit == true)

            let all = try await client.post("/cache/invalidate", token: token)
            #expect(all.json["invalidated"] as? Int == 3)
            #expect(try await client.get("/recommendations/\(tracks[1])?limit=3&user_id=u1").cacheHit == false)
        }
        #expect(try await inspector.getString("unrelated") == "stays")
    }

    @Test("Redis stopped mid-test: answers go on from PostgreSQL (cache_hit false, fast), the cache refills when it is back")
    func redisStoppedMidTest() async throws {
        let track = try await fixtureTrack()
        let redis = try await TemporaryRedisServer.start()
        let kafka = try TestEnvironment.require("KAFKA_BROKERS")
        try await RecommenderFixture.app(redisURL: redis.url, kafka: kafka).test(.router) { client in
            #expect(try await client.get("/recommendations/\(track)").cacheHit == false)
            #expect(try await client.get("/recommendations/\(track)").cacheHit == true)

            try await redis.stop()
            for _ in 0..<5 {
                let start = ContinuousClock.now
                let reply = try await client.get("/recommendations/\(track)")
                #expect(reply.status == .ok)
                #expect(reply.cacheHit == false)
                #expect(!(try reply.decode(TrackReply.self).recommendations.isEmpty))
                // Only separates "answered from PostgreSQL" from "waited on the dead Redis": tighter
                // bounds flake on a shared 2-core machine (latency is measured by the benchmark).
                #expect(ContinuousClock.now - start < .seconds(5))
            }
            #expect(try await client.get("/cache/stats").json["redis_up"] as? Bool == false)
            #expect(try await client.get("/ready").status == .ok, "Redis is optional: still ready")

            try await redis.start()
            // After the circuit's pause the next request writes the entry again, then it hits.
            let refilled = try await eventually(timeout: .seconds(5), every: .milliseconds(100)) {
                try await client.get("/recommendations/\(track)").cacheHit == true
            }
            #expect(refilled)
            #expect(try await client.get("/cache/stats").json["redis_up"] as? Bool == true)
        }
    }

    @Test("Redis that hangs (SIGSTOP) costs a request at most the configured timeout")
    func redisHangs() async throws {
        let track = try await fixtureTrack()
        let redis = try await TemporaryRedisServer.start()
        let pidText = try await RedisClient(url: redis.url).send("INFO", "server").string ?? ""
        let pid = try #require(pidText.split(separator: "\r\n").first { $0.hasPrefix("process_id:") }.flatMap { Int32($0.dropFirst("process_id:".count)) })
        try await RecommenderFixture.app(redisURL: redis.url, extra: ["RECOMMENDER_API_REDIS_TIMEOUT_MS": "100"]).test(.router) { client in
            #expect(try await client.get("/recommendations/\(track)").cacheHit == false)
            try ProcessFreeze.freeze(pid)
            defer { ProcessFreeze.thaw(pid) }
            for _ in 0..<3 {
                let start = ContinuousClock.now
                let reply = try await client.get("/recommendations/\(track)")
                #expect(reply.status == .ok)
                #expect(reply.cacheHit == false)
                #expect(ContinuousClock.now - start < .seconds(5))  // a hung Redis would hold it forever
            }
        }
    }
}
