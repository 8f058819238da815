import Foundation
import Hummingbird
import HummingbirdTesting
import Lake
import Logging
import Postgres
import Testing

@testable import WarehouseLoader

/// warehouse-loader's OpenAPI document: valid JSON describing its own and the operational
/// endpoints, served at `GET /openapi.json` (through the router; PostgreSQL is never reached).
@Suite("warehouse-loader OpenAPI document")
struct WarehouseLoaderOpenAPITests {
    static func parsed(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func schemas() throws -> [String: Any] {
        let document = try parsed(WarehouseLoaderOpenAPI.document)
        return try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
    }

    @Test("the document is OpenAPI 3 JSON listing /status, /load and the operational paths")
    func document() throws {
        let document = try Self.parsed(WarehouseLoaderOpenAPI.document)
        #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
        let paths = try #require(document["paths"] as? [String: Any])
        for path in ["/status", "/load", "/ready", "/health", "/metrics", "/openapi.json"] {
            #expect(paths[path] != nil, "\(path) is not described")
        }
        let load = try #require((paths["/load"] as? [String: Any])?["post"] as? [String: Any])
        let responses = try #require(load["responses"] as? [String: Any])
        for status in ["200", "400", "401", "503"] {
            #expect(responses[status] != nil, "POST /load \(status) is not described")
        }
    }

    @Test("the documented LoadReport and LoaderStatus keys are exactly the ones the encoders write")
    func encodedKeys() throws {
        let schemas = try Self.schemas()
        var report = LoadReport(startedAt: Date(timeIntervalSince1970: 1_763_470_800))
        report.filesLoaded = [.init(key: "bronze/plays/a.parquet", rows: 3, rowsInFile: 3)]
        report.failures = [FileFailure(key: "bronze/plays/b.parquet", error: "broken")]
        let reportBody = try #require(try JSONSerialization.jsonObject(with: LoaderJSON.encode(report)) as? [String: Any])
        let reportSchema = try #require(schemas["LoadReport"] as? [String: Any])
        #expect(Set(try #require(reportSchema["required"] as? [String])) == Set(reportBody.keys))
        #expect(Set(try #require(reportSchema["properties"] as? [String: Any]).keys) == Set(reportBody.keys))
        let failure = try #require((reportBody["failures"] as? [[String: Any]])?.first)
        let failureSchema = try #require(schemas["FileFailure"] as? [String: Any])
        #expect(Set(try #require(failureSchema["required"] as? [String])) == Set(failure.keys))

        let status = LoaderStatus(lastLoad: nil, lastError: nil, filesPending: nil, failures: [], changedFiles: [], pollSeconds: 0)
        let statusBody = try #require(try JSONSerialization.jsonObject(with: LoaderJSON.encode(status)) as? [String: Any])
        let statusSchema = try #require(schemas["LoaderStatus"] as? [String: Any])
        #expect(Set(try #require(statusSchema["required"] as? [String])) == Set(statusBody.keys))
    }

    @Test("GET /openapi.json serves the document; POST /load without the token is a 401 error body")
    func served() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("loader-openapi-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        // The pool connects lazily; neither route below reaches it.
        let pool = PostgresConnectionPool(conninfo: "postgresql://unused@127.0.0.1:1/unused", size: 1)
        let loader = WarehouseLoader(lake: LocalLakeStorage(root: root), pool: pool, schema: "bronze_unused", pollSeconds: 0,
                                     logger: Logger(label: "openapi-test"))
        let router = Router()
        LoaderRoutes(loader: loader).add(to: router, token: "admin-token-123")
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(String(buffer: response.body) == WarehouseLoaderOpenAPI.document)
            }
            try await client.execute(uri: "/load", method: .post, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .unauthorized)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(Set(body.keys) == ["error", "message"])
            }
        }
    }
}
