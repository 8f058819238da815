import ServiceRuntime

/// ingest-service settings, all from the environment (README lists them).
struct IngestConfiguration: Sendable {
    var port: Int
    var kafkaBrokers: String
    /// When set, `POST /v1/events` requires `Authorization: Bearer <token>`.
    var ingestToken: String?
    var adminToken: String?

    init(_ env: ServiceEnvironment) throws {
        port = try env.port(default: 8081)
        kafkaBrokers = try env.kafkaBrokers()
        ingestToken = try env.token("INGEST_TOKEN")
        adminToken = try env.token("ADMIN_TOKEN")
    }
}
