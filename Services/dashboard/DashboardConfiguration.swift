import ServiceRuntime

/// dashboard settings, all from the environment (README lists them).
struct DashboardConfiguration: Sendable {
    var port: Int
    var postgresURL: String
    var recommenderURL: String
    /// `DASHBOARD_STATEMENT_TIMEOUT_MS`: the longest a page waits on one warehouse query.
    var statementTimeoutMilliseconds: Int
    /// `DASHBOARD_RECOMMENDER_TIMEOUT_MS`: the longest a page waits on recommender-api.
    var recommenderTimeoutMilliseconds: Int

    init(_ env: ServiceEnvironment) throws {
        port = try env.port(default: 8086)
        postgresURL = try env.postgresURL()
        recommenderURL = try env.httpURL("RECOMMENDER_URL")
        statementTimeoutMilliseconds = try env.int("DASHBOARD_STATEMENT_TIMEOUT_MS", default: 10_000, range: 100...600_000)
        recommenderTimeoutMilliseconds = try env.int("DASHBOARD_RECOMMENDER_TIMEOUT_MS", default: 3_000, range: 100...60_000)
    }
}
