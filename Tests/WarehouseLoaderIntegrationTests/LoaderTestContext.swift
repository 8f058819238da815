import Foundation
import Lake
import Logging
import Postgres
import ServiceRuntime
import TestSupport

@testable import WarehouseLoader

/// A temporary lake folder and a bronze schema of its own, so tests run in parallel against one
/// PostgreSQL without seeing each other's tables.
final class LoaderTestContext: Sendable {
    let lakeRoot: String
    let lake: LocalLakeStorage
    let schema: String
    let postgresURL: String
    let pool: PostgresConnectionPool
    let loader: WarehouseLoader

    init(postgresURL: String? = nil) throws {
        self.postgresURL = try postgresURL ?? TestEnvironment.require("POSTGRES_URL")
        lakeRoot = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("lake")).path
        try FileManager.default.createDirectory(atPath: lakeRoot, withIntermediateDirectories: true)
        lake = LocalLakeStorage(root: lakeRoot)
        schema = TestEnvironment.uniqueName("bronze_test")
        pool = PostgresConnectionPool(conninfo: self.postgresURL, size: 2, applicationName: "warehouse-loader-tests")
        loader = WarehouseLoader(lake: lake, pool: pool, schema: schema, pollSeconds: 0, logger: Logger(label: "warehouse-loader-tests"))
    }

    var configuration: WarehouseLoaderConfiguration {
        get throws { try WarehouseLoaderConfiguration(ServiceEnvironment(environment)) }
    }

    var environment: [String: String] {
        [
            "POSTGRES_URL": postgresURL, "LAKE_URI": "file://\(lakeRoot)", "WAREHOUSE_LOADER_POLL_SECONDS": "0",
            "WAREHOUSE_LOADER_SCHEMA": schema,
        ]
    }

    func scalar<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> T {
        try await pool.withConnection { try await $0.query(query)[0].decode(0, as: T.self) }
    }

    func count(_ table: String) async throws -> Int {
        try await scalar("SELECT count(*) FROM \(identifier: schema).\(identifier: table)")
    }

    /// Drops the schema and the lake folder.
    func tearDown() async {
        _ = try? await pool.withConnection { try await $0.executeScript("DROP SCHEMA IF EXISTS \(PostgresQuery.quoteIdentifier(schema)) CASCADE") }
        await pool.close()
        try? FileManager.default.removeItem(atPath: lakeRoot)
    }
}
