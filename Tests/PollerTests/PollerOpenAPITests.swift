import FakeSpotify
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Poller

/// The poller's OpenAPI document: valid JSON describing its own and the operational endpoints,
/// served at `GET /openapi.json` by the application the executable builds.
@Suite("poller OpenAPI document", .timeLimit(.minutes(2)))
struct PollerOpenAPITests {
    static func parsed(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("the document is OpenAPI 3 JSON listing /status, /sync and the operational paths")
    func document() throws {
        let document = try Self.parsed(PollerOpenAPI.document)
        #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
        let paths = try #require(document["paths"] as? [String: Any])
        for path in ["/status", "/sync", "/ready", "/health", "/metrics", "/openapi.json"] {
            #expect(paths[path] != nil, "\(path) is not described")
        }
        let sync = try #require((paths["/sync"] as? [String: Any])?["post"] as? [String: Any])
        let responses = try #require(sync["responses"] as? [String: Any])
        for status in ["200", "401", "409"] {
            #expect(responses[status] != nil, "POST /sync \(status) is not described")
        }
    }

    @Test("the documented status and sync keys are exactly the ones the encoders write")
    func encodedKeys() throws {
        let document = try Self.parsed(PollerOpenAPI.document)
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let snapshot = PollerStatus.Snapshot(authState: "not_authorized", userID: nil, lastPollAt: nil, lastTrackID: nil, lastSyncAt: nil,
                                             cursor: nil, queuedEvents: 0, rateLimitedUntil: nil, errors: [:])
        let status = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(snapshot)) as? [String: Any])
        let statusSchema = try #require(schemas["PollerStatus"] as? [String: Any])
        #expect(Set(try #require(statusSchema["required"] as? [String])) == Set(status.keys))
        let report = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(SyncReport(fetched: 0, posted: 0, cursor: nil))) as? [String: Any])
        let reportSchema = try #require(schemas["SyncReport"] as? [String: Any])
        #expect(Set(try #require(reportSchema["required"] as? [String])) == Set(report.keys))
    }

    @Test("GET /openapi.json serves the document")
    func served() async throws {
        let spotify = try await FakeSpotify.start()
        let ingest = try await CapturingIngest.start()
        let harness = try PollerHarness(spotify: spotify, ingestURL: ingest.url)
        var configuration = harness.configuration
        configuration.adminToken = "admin-token-123"
        try await buildPollerApplication(configuration, logger: PollerHarness.logger).test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(String(buffer: response.body) == PollerOpenAPI.document)
            }
        }
        await spotify.stop()
        await ingest.stop()
    }
}
