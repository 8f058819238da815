import Lake
import ServiceRuntime

/// warehouse-loader settings, all from the environment (README lists them).
struct WarehouseLoaderConfiguration: Sendable {
    var port: Int
    var postgresURL: String
    var lake: LakeURI
    var adminToken: String?
    /// `WAREHOUSE_LOADER_POLL_SECONDS`: continuous mode's interval; 0 turns it off.
    var pollSeconds: Int
    /// `WAREHOUSE_LOADER_SCHEMA`: the schema the loader owns. `bronze` (SPEC) unless a test gives
    /// it a schema of its own, so parallel tests against one PostgreSQL do not collide.
    var schema: String
    /// The environment, for the lake's own variables (S3_*, AWS_*).
    var environment: [String: String]

    init(_ env: ServiceEnvironment) throws {
        port = try env.port(default: 8083)
        postgresURL = try env.postgresURL()
        lake = try env.parsed("LAKE_URI", expected: LakeURI.expectedForm, LakeURI.init)
        adminToken = try env.token("ADMIN_TOKEN")
        pollSeconds = try env.int("WAREHOUSE_LOADER_POLL_SECONDS", default: 10, range: 0...86_400)
        schema = env.string("WAREHOUSE_LOADER_SCHEMA", default: "bronze")
        environment = env.values
        guard schema.count <= 63, schema.first?.isLetter == true,
              schema.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw ConfigurationError(variable: "WAREHOUSE_LOADER_SCHEMA", value: schema, expected: "a lower-case SQL name of at most 63 characters")
        }
    }
}
