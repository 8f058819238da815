import Foundation
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@testable import RecommenderAPI

/// Answers compared with the same recommendations computed directly in SQL on the stack's
/// warehouse (built by dbt from simulator data). Test data is chosen by SQL at run time.
@Suite("Responses match a direct SQL computation on gold", .integration)
struct GoldParityTests {
    struct Expected: Equatable {
        var trackID: String
        var score: Double
        var cooccurrence: Double
        var affinity: Double
    }

    func expected(track: String, user: String?, limit: Int, warehouse: Warehouse) async throws -> [Expected] {
        let rows: PostgresRows
        if let user {
            rows = try await warehouse.connection.query("""
                with scored as (
                    select c.track_b, c.cooccurrence_score as co, coalesce(a.affinity_score, 0)::float8 as aff
                    from gold.track_cooccurrence c
                    left join gold.artist_affinity a on a.user_id = \(user) and a.artist_name = c.track_b_artist
                    where c.track_a = \(track)
                      and c.track_b not in (select track_id from silver.silver_plays where user_id = \(user) and track_id is not null))
                select track_b, round(((co * 0.7 + aff / 100 * 0.3) * 100)::numeric, 4)::float8 as score, co, aff
                from scored order by score desc, co desc, track_b collate "C" limit \(limit)
                """)
        } else {
            rows = try await warehouse.connection.query("""
                with top as (select max(play_count)::float8 as plays from gold.artist_stats),
                scored as (
                    select c.track_b, c.cooccurrence_score as co, coalesce(s.play_count / top.plays * 100, 0)::float8 as aff
                    from gold.track_cooccurrence c cross join top
                    left join gold.artist_stats s on s.artist_name = c.track_b_artist
                    where c.track_a = \(track))
                select track_b, round(((co * 0.7 + aff / 100 * 0.3) * 100)::numeric, 4)::float8 as score, co, aff
                from scored order by score desc, co desc, track_b collate "C" limit \(limit)
                """)
        }
        return try rows.map { Expected(trackID: try $0.decode(0), score: try $0.decode(1), cooccurrence: try $0.decode(2), affinity: try $0.decode(3)) }
    }

    func compare(_ actual: [RecommendationItem], _ expected: [Expected]) {
        #expect(actual.map(\.trackID) == expected.map(\.trackID))
        for (item, want) in zip(actual, expected) {
            #expect(abs(item.recommendationScore - want.score) < 1e-6, "\(item.trackID): score \(item.recommendationScore) vs SQL \(want.score)")
            #expect(abs(item.cooccurrenceScore - want.cooccurrence) < 1e-12)
            #expect(abs(item.artistAffinity - want.affinity) < 1e-9)
            #expect(!item.reason.isEmpty)
        }
    }

    @Test("without a user: co-occurrence and global artist popularity", arguments: [3, 50])
    func global(limit: Int) async throws {
        let warehouse = try await Warehouse.connect()
        let redis = try await TemporaryRedisServer.start()
        let track = try await warehouse.trackWithCooccurrences(minimum: 5)
        let want = try await expected(track: track, user: nil, limit: limit, warehouse: warehouse)
        let seedName = try await warehouse.strings("select track_name from gold.track_popularity where track_id = \(track)").first
        try await RecommenderFixture.app(redisURL: redis.url).test(.router) { client in
            let reply = try await client.get("/recommendations/\(track)?limit=\(limit)")
            #expect(reply.status == .ok)
            let body = try reply.decode(TrackReply.self)
            #expect(body.trackID == track)
            #expect(body.trackName == seedName)
            #expect(!want.isEmpty)
            compare(body.recommendations, want)
        }
        await warehouse.close()
    }

    @Test("with a user: their artist affinity, and none of the tracks they already played")
    func personalized() async throws {
        let warehouse = try await Warehouse.connect()
        let redis = try await TemporaryRedisServer.start()
        let (user, track) = try await warehouse.userAndTrackWithPlayedCandidates()
        let want = try await expected(track: track, user: user, limit: 50, warehouse: warehouse)
        let played = Set(try await warehouse.strings("select distinct track_id from silver.silver_plays where user_id = \(user)"))
        let allCandidates = Set(try await warehouse.strings("select track_b from gold.track_cooccurrence where track_a = \(track)"))
        try await RecommenderFixture.app(redisURL: redis.url).test(.router) { client in
            let reply = try await client.get("/recommendations/\(track)?user_id=\(user)&limit=50")
            #expect(reply.status == .ok)
            let body = try reply.decode(TrackReply.self)
            compare(body.recommendations, want)
            let returned = Set(body.recommendations.map(\.trackID))
            #expect(returned.isDisjoint(with: played), "already played tracks must be left out")
            #expect(!allCandidates.intersection(played).isEmpty, "the chosen fixture has played candidates to leave out")
            let global = try await client.get("/recommendations/\(track)?limit=50").decode(TrackReply.self)
            #expect(global.recommendations.count > body.recommendations.count)
        }
        await warehouse.close()
    }

    @Test("a user's recommendations are gold.track_recommendations in rank order; an unknown user gets an empty list")
    func userRecommendations() async throws {
        let warehouse = try await Warehouse.connect()
        let redis = try await TemporaryRedisServer.start()
        guard let user = try await warehouse.strings("select user_id from gold.track_recommendations group by user_id order by count(*) desc, user_id limit 1").first else {
            throw WarehouseFixtureMissing(what: "user with recommendations")
        }
        let rows = try await warehouse.connection.query("""
            select track_id, recommendation_score, reason, recommendation_rank from gold.track_recommendations
            where user_id = \(user) order by recommendation_rank limit 7
            """)
        try await RecommenderFixture.app(redisURL: redis.url).test(.router) { client in
            let reply = try await client.get("/users/\(user)/recommendations?limit=7")
            #expect(reply.status == .ok)
            let items = try #require(reply.json["recommendations"] as? [[String: Any]])
            #expect(items.count == rows.count)
            for (item, row) in zip(items, rows) {
                #expect(item["track_id"] as? String == (try row.decode(0, as: String.self)))
                #expect(abs((item["recommendation_score"] as? Double ?? -1) - (try row.decode(1, as: Double.self))) < 1e-9)
                #expect(item["reason"] as? String == (try row.decode(2, as: String.self)))
                #expect(item["rank"] as? Int == (try row.decode(3, as: Int.self)))
            }
            let unknown = try await client.get("/users/\(TestEnvironment.uniqueName("new_user"))/recommendations")
            #expect(unknown.status == .ok)
            #expect((unknown.json["recommendations"] as? [Any])?.isEmpty == true)
        }
        await warehouse.close()
    }

    @Test("PostgreSQL unreachable: 503 database_unavailable and /ready 503, Redis or not")
    func postgresDown() async throws {
        let redis = try await TemporaryRedisServer.start()
        try await RecommenderFixture.app(redisURL: redis.url, postgresURL: "postgresql://postgres@127.0.0.1:1/spotify_data").test(.router) { client in
            let start = ContinuousClock.now
            let reply = try await client.get("/recommendations/some_track")
            #expect(reply.status == .serviceUnavailable)
            #expect(reply.errorCode == "database_unavailable")
            #expect(ContinuousClock.now - start < .seconds(15))  // answered, not hung
            let ready = try await client.get("/ready")
            #expect(ready.status == .serviceUnavailable)
            #expect(((ready.json["checks"] as? [String: String])?["postgres"] ?? "ok") != "ok")
        }
    }
}
