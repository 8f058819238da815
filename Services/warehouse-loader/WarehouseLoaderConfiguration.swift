import ServiceRuntime

/// warehouse-loader settings, all from the environment (README lists them).
struct WarehouseLoaderConfiguration: Sendable {
    var port: Int
    var postgresURL: String
    var lake: LakeURI
    var adminToken: String?

    init(_ env: ServiceEnvironment) throws {
        port = try env.port(default: 8083)
        postgresURL = try env.postgresURL()
        lake = try env.lakeURI()
        adminToken = try env.token("ADMIN_TOKEN")
    }
}
