import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import ServiceRuntime
import TestSupport

@testable import RecommenderAPI

/// Builds recommender-api for a test: the stack's PostgreSQL (POSTGRES_URL) unless told
/// otherwise, the given Redis, and a Kafka that is not there unless `kafka` is given (only the
/// now-playing tests need one). Each instance gets a consumer group of its own.
enum RecommenderFixture {
    static func app(
        redisURL: String, postgresURL: String? = nil, kafka: String = "127.0.0.1:1", adminToken: String? = nil,
        repository: (any RecommendationRepository)? = nil, extra: [String: String] = [:]
    ) throws -> some ApplicationProtocol {
        var values = [
            "POSTGRES_URL": try postgresURL ?? TestEnvironment.require("POSTGRES_URL"),
            "REDIS_URL": redisURL,
            "KAFKA_BROKERS": kafka,
            "RECOMMENDER_API_NOW_PLAYING_GROUP": TestEnvironment.uniqueName("recommender_test"),
        ]
        if let adminToken { values["ADMIN_TOKEN"] = adminToken }
        values.merge(extra) { _, new in new }
        return try buildRecommenderAPIApplication(
            RecommenderAPIConfiguration(ServiceEnvironment(values)), logger: Logger(label: "recommender-tests"), repository: repository)
    }

    /// A redis:// URL where nothing listens: Redis is "down" from the start.
    static let deadRedisURL = "redis://127.0.0.1:1/0"
}

/// One decoded response.
struct Reply {
    var status: HTTPResponse.Status
    var body: [UInt8]
    var headers: HTTPFields

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(body))
    }

    var cacheHit: Bool? { json["cache_hit"] as? Bool }
    var errorCode: String? { json["error"] as? String }
}

/// The cached-response bodies of recommender-api decoded with `cache_hit`, for comparisons.
struct TrackReply: Decodable {
    var trackID: String
    var trackName: String
    var artistName: String
    var recommendations: [RecommendationItem]
    var generatedAt: String
    var cacheHit: Bool

    enum CodingKeys: String, CodingKey {
        case trackID = "track_id", trackName = "track_name", artistName = "artist_name"
        case recommendations, generatedAt = "generated_at", cacheHit = "cache_hit"
    }
}

extension TestClientProtocol {
    func get(_ uri: String) async throws -> Reply {
        try await execute(uri: uri, method: .get) { Reply(status: $0.status, body: Array($0.body.readableBytesView), headers: $0.headers) }
    }

    func post(_ uri: String, body: String? = nil, token: String? = nil) async throws -> Reply {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: .post, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
            Reply(status: $0.status, body: Array($0.body.readableBytesView), headers: $0.headers)
        }
    }
}

/// Direct SQL on the stack's warehouse, to pick test data and compute expected answers.
/// Nothing is hard-coded: dbt rebuilds the warehouse from time to time.
struct Warehouse {
    let connection: PostgresConnection

    static func connect() async throws -> Warehouse {
        Warehouse(connection: try await PostgresConnection.connect(to: try TestEnvironment.require("POSTGRES_URL")))
    }

    func strings(_ query: PostgresQuery) async throws -> [String] {
        try await connection.query(query).map { try $0.decode(0, as: String.self) }
    }

    /// A track with at least `minimum` co-occurring tracks (the one with most, ties by id).
    func trackWithCooccurrences(minimum: Int = 5) async throws -> String {
        let rows = try await strings("""
            select track_a from gold.track_cooccurrence group by track_a having count(*) >= \(minimum)
            order by count(*) desc, track_a limit 1
            """)
        guard let track = rows.first else { throw WarehouseFixtureMissing(what: "a track with \(minimum) co-occurring tracks") }
        return track
    }

    /// A (user, track) where the user played the track and also some of its co-occurring tracks,
    /// so the exclusion of played tracks is visible.
    func userAndTrackWithPlayedCandidates() async throws -> (user: String, track: String) {
        let rows = try await connection.query("""
            with heavy as (select user_id from silver.silver_plays group by 1 order by count(*) desc, 1 limit 1),
            played as (select distinct track_id from silver.silver_plays where user_id = (select user_id from heavy))
            select (select user_id from heavy), c.track_a
            from gold.track_cooccurrence c
            where c.track_a in (select track_id from played)
            group by c.track_a
            having count(*) filter (where c.track_b in (select track_id from played)) between 1 and count(*) - 2
            order by count(*) filter (where c.track_b in (select track_id from played)) desc, c.track_a collate "C"
            limit 1
            """)
        guard let row = rows.first else { throw WarehouseFixtureMissing(what: "a user who played co-occurring tracks") }
        return (try row.decode(0), try row.decode(1))
    }

    func close() async { await connection.close() }
}

struct WarehouseFixtureMissing: Error, CustomStringConvertible {
    let what: String
    var description: String { "the warehouse holds no \(what): is gold built (dbt) on POSTGRES_URL?" }
}

/// Waits until `condition` holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(5), every interval: Duration = .milliseconds(20), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return try await condition()
}
