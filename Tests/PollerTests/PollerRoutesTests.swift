import FakeSpotify
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceRuntime
import Testing

@testable import Poller

/// `/ready`, `/status` and `POST /sync` through the router, as the executable builds it.
@Suite("poller HTTP API", .serialized, .timeLimit(.minutes(2)))
struct PollerRoutesTests {
    func app(_ harness: PollerHarness, adminToken: String? = nil) throws -> some ApplicationProtocol {
        var configuration = harness.configuration
        configuration.adminToken = adminToken
        return try buildPollerApplication(configuration, logger: PollerHarness.logger)
    }

    func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
    }

    @Test("no token file: ready (nothing is broken), /status says not_authorized, POST /sync answers 409")
    func notConnected() async throws {
        let spotify = try await FakeSpotify.start()
        let ingest = try await CapturingIngest.start()
        let harness = try PollerHarness(spotify: spotify, ingestURL: ingest.url)
        try await app(harness).test(.router) { client in
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
                let checks = try json(response.body)["checks"] as? [String: String]
                #expect(checks == ["ingest-service": "ok", "spotify-auth": "ok"])
            }
            try await client.execute(uri: "/status", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                #expect(body["auth_state"] as? String == "not_authorized")
                for key in ["last_poll_at", "last_track_id", "last_sync_at", "cursor", "queued_events", "errors"] {
                    #expect(body.keys.contains(key), "missing \(key)")
                }
            }
            try await client.execute(uri: "/sync", method: .post) { response in
                #expect(response.status == .conflict)
                let body = try json(response.body)
                #expect(body["error"] as? String == "not_authorized")
            }
        }
        #expect(spotify.requests.isEmpty)
        await spotify.stop()
        await ingest.stop()
    }

    @Test("POST /sync needs the admin token and answers {fetched, posted, cursor}; /status shows the sync")
    func sync() async throws {
        let spotify = try await FakeSpotify.start()
        let ingest = try await CapturingIngest.start()
        let harness = try PollerHarness(spotify: spotify, ingestURL: ingest.url)
        try harness.connectAccount()
        let plays = PollerFixtures.plays(7)
        spotify.addPlays(plays)
        try await app(harness, adminToken: "admin-token-123").test(.router) { client in
            try await client.execute(uri: "/sync", method: .post) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/sync", method: .post, headers: [.authorization: "Bearer admin-token-123"]) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                #expect(body["fetched"] as? Int == 7)
                #expect(body["posted"] as? Int == 7)
                #expect(body["cursor"] as? String == String(plays.map(\.playedAtMilliseconds).max()!))
            }
            try await client.execute(uri: "/status", method: .get) { response in
                let body = try json(response.body)
                #expect(body["auth_state"] as? String == "authorized")
                #expect(body["last_sync_at"] is String)
                #expect(body["cursor"] as? String == String(plays.map(\.playedAtMilliseconds).max()!))
                #expect(body["queued_events"] as? Int == 0)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(String(buffer: response.body).contains("poller_spotify_responses_total"))
            }
        }
        await spotify.stop()
        await ingest.stop()
    }

    @Test("after invalid_grant: /ready is 503 naming spotify-auth, /status says reauthorization_required, the process keeps serving")
    func reauthorizationRequired() async throws {
        let spotify = try await FakeSpotify.start()
        let ingest = try await CapturingIngest.start()
        let harness = try PollerHarness(spotify: spotify, ingestURL: ingest.url)
        try harness.connectAccount(expiresIn: 10)  // needs a refresh at once
        spotify.revokeRefreshTokens()
        try await app(harness).test(.router) { client in
            try await client.execute(uri: "/sync", method: .post) { response in
                #expect(response.status == .badGateway)
                let body = try json(response.body)
                #expect(body["error"] as? String == "spotify_auth_error")
            }
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let checks = try #require(try json(response.body)["checks"] as? [String: String])
                #expect(checks["ingest-service"] == "ok")
                #expect(checks["spotify-auth"]?.contains("invalid_grant") == true)
            }
            try await client.execute(uri: "/status", method: .get) { response in
                let body = try json(response.body)
                #expect(body["auth_state"] as? String == "reauthorization_required")
            }
            try await client.execute(uri: "/sync", method: .post) { response in
                #expect(response.status == .conflict)
                let body = try json(response.body)
                #expect(body["error"] as? String == "reauthorization_required")
            }
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
        #expect(spotify.requests(to: .token).count == 1)
        await spotify.stop()
        await ingest.stop()
    }

    @Test("a corrupt token file: reauthorization_required, and the log names the file but no secret")
    func corruptTokenFile() async throws {
        let spotify = try await FakeSpotify.start()
        let harness = try PollerHarness(spotify: spotify, ingestURL: "http://127.0.0.1:1")
        try Data(#"{"access_token":"secret-value-xyz""#.utf8).write(to: URL(fileURLWithPath: harness.tokenFile))
        #expect(await harness.parts.authorization.currentState() == .reauthorizationRequired)
        let problem = try #require(await harness.parts.authorization.problem)
        #expect(problem.contains(harness.tokenFile))
        #expect(!problem.contains("secret-value-xyz"))
        await spotify.stop()
    }
}
