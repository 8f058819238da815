import ServiceRuntime

/// dashboard settings, all from the environment (README lists them).
struct DashboardConfiguration: Sendable {
    var port: Int
    var postgresURL: String
    var recommenderURL: String

    init(_ env: ServiceEnvironment) throws {
        port = try env.port(default: 8086)
        postgresURL = try env.postgresURL()
        recommenderURL = try env.httpURL("RECOMMENDER_URL")
    }
}
