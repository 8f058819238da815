import ServiceRuntime

/// lake-writer settings, all from the environment (README lists them).
struct LakeWriterConfiguration: Sendable {
    var port: Int
    var kafkaBrokers: String
    var lake: LakeURI
    var adminToken: String?

    init(_ env: ServiceEnvironment) throws {
        port = try env.port(default: 8082)
        kafkaBrokers = try env.kafkaBrokers()
        lake = try env.lakeURI()
        adminToken = try env.token("ADMIN_TOKEN")
    }
}
