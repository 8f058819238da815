import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
import Testing

@testable import WarehouseLoader

@Suite("POST /load, GET /status, /metrics", .integration)
struct LoaderRoutesTests {
    @Test("POST /load needs the admin token, loads new files and lists them; /status and /metrics report")
    func routes() async throws {
        let context = try LoaderTestContext()
        defer { Task { await context.tearDown() } }
        var configuration = try context.configuration
        configuration.adminToken = "admin-token-123"
        let key = try await BronzeFileFixtures.put(context.lake, dataset: "likes", topic: "user_likes", eventType: "like", rows: 40)
        try await context.lake.put(key: "bronze/likes/broken.parquet", bytes: Array("PAR1 nope PAR1".utf8))
        let app = try buildWarehouseLoaderApplication(configuration, logger: Logger(label: "routes-test"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/load", method: .post) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/load", method: .post, headers: [.authorization: "Bearer admin-token-123"]) { response in
                #expect(response.status == .ok)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(body?["rows_loaded"] as? Int == 40)
                #expect(body?["files_loaded_count"] as? Int == 1)
                #expect((body?["files_loaded"] as? [[String: Any]])?.first?["key"] as? String == key)
                #expect((body?["failures"] as? [[String: Any]])?.first?["key"] as? String == "bronze/likes/broken.parquet")
            }
            try await client.execute(uri: "/load", method: .post, headers: [.authorization: "Bearer admin-token-123"], body: ByteBuffer(string: "{\"retry_failed\": true}")) { response in
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(body?["rows_loaded"] as? Int == 0)
                #expect((body?["failures"] as? [Any])?.count == 1)
            }
            try await client.execute(uri: "/status", method: .get) { response in
                #expect(response.status == .ok)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(body?["files_pending"] as? Int == 0)
                #expect((body?["failures"] as? [Any])?.count == 1)
                #expect(body?["last_load"] is [String: Any])
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                for series in ["warehouse_loader_files_loaded_total", "warehouse_loader_files_failed_total", "warehouse_loader_files_pending",
                               "warehouse_loader_rows_per_second", "warehouse_loader_last_load_timestamp_seconds"] {
                    #expect(text.contains(series), "\(series)")
                }
            }
        }
    }
}
