import ServiceRuntime

/// recommender-api settings, all from the environment (README lists them).
struct RecommenderAPIConfiguration: Sendable {
    var port: Int
    var postgresURL: String
    var redisURL: String
    var kafkaBrokers: String
    var adminToken: String?

    init(_ env: ServiceEnvironment) throws {
        port = try env.port(default: 8084)
        postgresURL = try env.postgresURL()
        redisURL = try env.redisURL()
        kafkaBrokers = try env.kafkaBrokers()
        adminToken = try env.token("ADMIN_TOKEN")
    }
}
