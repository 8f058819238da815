import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import LakeWriter

/// lake-writer's OpenAPI document: valid JSON describing its own and the operational endpoints,
/// served at `GET /openapi.json` (through the router, without a broker or a lake).
@Suite("lake-writer OpenAPI document")
struct LakeWriterOpenAPITests {
    static func parsed(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("the document is OpenAPI 3 JSON listing /status, /flush and the operational paths")
    func document() throws {
        let document = try Self.parsed(LakeWriterOpenAPI.document)
        #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
        let paths = try #require(document["paths"] as? [String: Any])
        for path in ["/status", "/flush", "/ready", "/health", "/metrics", "/openapi.json"] {
            #expect(paths[path] != nil, "\(path) is not described")
        }
        let flush = try #require((paths["/flush"] as? [String: Any])?["post"] as? [String: Any])
        let responses = try #require(flush["responses"] as? [String: Any])
        #expect(Set(responses.keys) == ["200", "401"])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        for name in ["LakeWriterStatus", "PartitionStatus", "FlushResult", "Error", "Readiness"] {
            #expect(schemas[name] != nil, "schema \(name) is missing")
        }
    }

    @Test("the documented status keys are the ones the encoder writes")
    func statusKeys() throws {
        let document = try Self.parsed(LakeWriterOpenAPI.document)
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let encoded = try JSONEncoder().encode(LakeWriterStatus(
            partitions: [.init(topic: "user_plays", partition: 0, committedOffset: nil, highWatermark: nil, lag: nil, bufferedEvents: 0, lastFiles: [])],
            storageError: nil))
        let body = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        let status = try #require(schemas["LakeWriterStatus"] as? [String: Any])
        #expect(Set(try #require(status["required"] as? [String])) == Set(body.keys))
        let partition = try #require(schemas["PartitionStatus"] as? [String: Any])
        let firstPartition = try #require((body["partitions"] as? [[String: Any]])?.first)
        #expect(Set(try #require(partition["required"] as? [String])) == Set(firstPartition.keys))
    }

    @Test("GET /openapi.json serves the document")
    func served() async throws {
        let policy = FlushPolicy(maxEvents: 1_000, maxBytes: 1 << 30, idle: .seconds(3600), maxAge: .seconds(3600), memoryBudgetBytes: 1 << 30)
        let engine = LakeWriterEngine(storage: LakeWriterStatusRouteTests.UnusedStorage(), policy: policy, logger: Logger(label: "test"))
        let router = Router()
        LakeWriterRoutes(engine: engine).add(to: router, adminToken: "admin-token-123")
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(String(buffer: response.body) == LakeWriterOpenAPI.document)
            }
            try await client.execute(uri: "/flush", method: .post) { response in
                #expect(response.status == .unauthorized)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(Set(body.keys) == ["error", "message"])
            }
        }
    }
}
