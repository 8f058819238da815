import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import RecommenderAPI

/// Bad input gets a 400 with docs/CONTRACT.md's error body; gold is faked and Redis is down, which
/// must not matter for any of these.
@Suite("Request validation and error bodies")
struct RequestValidationTests {
    func app(_ repository: FakeRepository = .oneTrack) throws -> some ApplicationProtocol {
        try RecommenderFixture.app(redisURL: RecommenderFixture.deadRedisURL, postgresURL: "postgresql://127.0.0.1:1/none", repository: repository)
    }

    @Test("malformed track ids and limits are 400 with a clear code", arguments: [
        ("/recommendations/bad%20id", "invalid_track_id"),
        ("/recommendations/\(String(repeating: "a", count: 65))", "invalid_track_id"),
        ("/recommendations/track_1?limit=0", "invalid_limit"),
        ("/recommendations/track_1?limit=51", "invalid_limit"),
        ("/recommendations/track_1?limit=ten", "invalid_limit"),
        ("/recommendations/track_1?user_id=", "invalid_user_id"),
        ("/users/u1/recommendations?limit=-3", "invalid_limit"),
        ("/users/u1/now-playing?limit=100", "invalid_limit"),
    ])
    func badInput(uri: String, code: String) async throws {
        try await app().test(.router) { client in
            let reply = try await client.get(uri)
            #expect(reply.status == .badRequest)
            #expect(reply.errorCode == code)
            #expect((reply.json["message"] as? String)?.isEmpty == false)
        }
    }

    @Test("an unknown track is 404 unknown_track")
    func unknownTrack() async throws {
        try await app().test(.router) { client in
            let reply = try await client.get("/recommendations/no_such_track")
            #expect(reply.status == .notFound)
            #expect(reply.errorCode == "unknown_track")
        }
    }

    @Test("with Redis down every answer comes from gold with cache_hit false, never an error")
    func redisDownFromTheStart() async throws {
        try await app().test(.router) { client in
            for _ in 0..<3 {
                let reply = try await client.get("/recommendations/track_1?limit=1")
                #expect(reply.status == .ok)
                let body = try reply.decode(TrackReply.self)
                #expect(body.cacheHit == false)
                #expect(body.recommendations.map(\.trackID) == ["track_2"])
                #expect(body.recommendations[0].recommendationScore == 50)
            }
            let stats = try await client.get("/cache/stats")
            #expect(stats.json["redis_up"] as? Bool == false)
            #expect(stats.json["hits"] as? Int == 0)
            #expect(stats.json["misses"] as? Int == 3)
            let invalidate = try await client.post("/cache/invalidate")
            #expect(invalidate.status == .serviceUnavailable)
            #expect(invalidate.errorCode == "cache_unavailable")
        }
    }

    @Test("a warehouse that cannot be reached is 503 database_unavailable with Retry-After, and /ready is 503")
    func databaseDown() async throws {
        let repository = FakeRepository(failure: .databaseUnavailable("connection refused"))
        try await app(repository).test(.router) { client in
            for uri in ["/recommendations/track_1", "/users/u1/recommendations"] {
                let reply = try await client.get(uri)
                #expect(reply.status == .serviceUnavailable)
                #expect(reply.errorCode == "database_unavailable")
                #expect(reply.headers[.retryAfter] != nil)
            }
            let ready = try await client.get("/ready")
            #expect(ready.status == .serviceUnavailable)
        }
    }

    @Test("nothing playing: 200 with now_playing null and no recommendations")
    func nothingPlaying() async throws {
        try await app().test(.router) { client in
            let reply = try await client.get("/users/nobody_\(UInt32.random(in: 0...UInt32.max))/now-playing")
            #expect(reply.status == .ok)
            #expect(reply.json["now_playing"] is NSNull)
            #expect((reply.json["recommendations"] as? [Any])?.isEmpty == true)
            #expect(reply.json["cache_hit"] as? Bool == false)
        }
    }
}
