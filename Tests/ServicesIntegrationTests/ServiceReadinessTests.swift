import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceRuntime
import TestSupport
import Testing

@testable import Dashboard
@testable import IngestService
@testable import LakeWriter
@testable import Poller
@testable import RecommenderAPI
@testable import WarehouseLoader

/// Every service, built the way its executable builds it, answers /health and checks its
/// real dependencies on /ready: ready against the stack's servers, not ready (naming the
/// dependency) when pointed at a port where nothing listens.
@Suite("the six services' health and readiness", .integration)
struct ServiceReadinessTests {
    let logger = Logger(label: "services-tests")

    /// The stack's variables, with a lake folder and consumer groups this test owns: in the
    /// stack's groups these probes would take partitions from the running lake-writer and
    /// recommender-api for a moment, and a now_playing event posted meanwhile went missing.
    func liveEnvironment() throws -> [String: String] {
        let lake = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("lake")).path
        try FileManager.default.createDirectory(atPath: lake, withIntermediateDirectories: true)
        return [
            "KAFKA_BROKERS": try TestEnvironment.require("KAFKA_BROKERS"),
            "POSTGRES_URL": try TestEnvironment.require("POSTGRES_URL"),
            "REDIS_URL": try TestEnvironment.require("REDIS_URL"),
            "LAKE_URI": "file://\(lake)",
            "INGEST_URL": try TestEnvironment.require("INGEST_URL"),
            "RECOMMENDER_URL": try TestEnvironment.require("RECOMMENDER_URL"),
            "LAKE_WRITER_GROUP_ID": TestEnvironment.uniqueName("readiness_lake_writer"),
            "RECOMMENDER_API_NOW_PLAYING_GROUP": TestEnvironment.uniqueName("readiness_now_playing"),
        ]
    }

    /// Every dependency on a port where nothing listens, and a lake folder that does not exist.
    let deadEnvironment: [String: String] = [
        "KAFKA_BROKERS": "127.0.0.1:1",
        "POSTGRES_URL": "postgresql://postgres@127.0.0.1:1/spotify_data?connect_timeout=1",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "LAKE_URI": "file:///nonexistent/lake",
        "INGEST_URL": "http://127.0.0.1:1",
        "RECOMMENDER_URL": "http://127.0.0.1:1",
    ]

    enum Service: String, CaseIterable {
        case ingest = "ingest-service", lakeWriter = "lake-writer", warehouseLoader = "warehouse-loader"
        case recommender = "recommender-api", poller, dashboard

        var dependencies: Set<String> {
            switch self {
            case .ingest: ["kafka"]
            case .lakeWriter: ["kafka", "lake"]
            case .warehouseLoader: ["postgres", "lake"]
            case .recommender: ["postgres", "kafka", "redis"]  // Redis is optional: its failure degrades, answers come from PostgreSQL
            case .poller: ["ingest-service", "spotify-auth"]
            case .dashboard: ["postgres", "recommender-api"]
            }
        }
    }

    func ready(_ service: Service, env values: [String: String]) async throws -> (status: HTTPResponse.Status, checks: [String: String]) {
        let env = ServiceEnvironment(values)
        func probe(_ app: some ApplicationProtocol) async throws -> (HTTPResponse.Status, [String: String]) {
            try await app.test(.router) { client in
                try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
                return try await client.execute(uri: "/ready", method: .get) { response in
                    let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! [String: Any]
                    return (response.status, body["checks"] as! [String: String])
                }
            }
        }
        switch service {
        case .ingest: return try await probe(buildIngestApplication(IngestConfiguration(env), logger: logger))
        case .lakeWriter: return try await probe(buildLakeWriterApplication(LakeWriterConfiguration(env), logger: logger))
        case .warehouseLoader: return try await probe(buildWarehouseLoaderApplication(WarehouseLoaderConfiguration(env), logger: logger))
        case .recommender: return try await probe(buildRecommenderAPIApplication(RecommenderAPIConfiguration(env), logger: logger))
        case .poller: return try await probe(buildPollerApplication(PollerConfiguration(env), logger: logger))
        case .dashboard: return try await probe(buildDashboardApplication(DashboardConfiguration(env), logger: logger))
        }
    }

    @Test("ready against the stack's real servers", arguments: Service.allCases)
    func readyWhenDependenciesAnswer(service: Service) async throws {
        let (status, checks) = try await ready(service, env: liveEnvironment())
        #expect(Set(checks.keys) == service.dependencies)
        #expect(status == .ok, "checks: \(checks)")
    }

    @Test("not ready, naming each dead dependency, within the probe's bound", arguments: Service.allCases)
    func notReadyWhenDependenciesAreDown(service: Service) async throws {
        let start = ContinuousClock.now
        let (status, checks) = try await ready(service, env: deadEnvironment)
        #expect(status == .serviceUnavailable)
        #expect(Set(checks.keys) == service.dependencies)
        #expect(checks.filter { $0.key != "spotify-auth" }.values.allSatisfy { $0 != "ok" }, "checks: \(checks)")  // no account connected is not a failure
        #expect(ContinuousClock.now - start < .seconds(12))  // probe timeout 2 s; only a hang would exceed this
    }
}
