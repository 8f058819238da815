import HTTPClient
import Hummingbird
import Logging
import Postgres
import ServiceRuntime

/// Builds the dashboard with its real warehouse and recommender-api clients: shared by the
/// executable and the tests.
func buildDashboardApplication(_ configuration: DashboardConfiguration, logger: Logger) throws -> some ApplicationProtocol {
    let pool = PostgresConnectionPool(conninfo: configuration.postgresURL, size: 4, applicationName: "dashboard", logger: logger)
    let http = HTTPClient(logger: logger)
    let timeout = Duration.milliseconds(configuration.recommenderTimeoutMilliseconds)
    return buildDashboardApplication(
        port: configuration.port,
        analytics: PostgresAnalyticsRepository(pool: pool, statementTimeoutMilliseconds: configuration.statementTimeoutMilliseconds),
        recommender: HTTPRecommenderClient(
            baseURL: configuration.recommenderURL, client: http, timeout: HTTPTimeout(connect: min(timeout, .seconds(1)), total: timeout)),
        dependencies: [
            DependencyCheck("postgres") { try await pool.ping() },
            .http("recommender-api", baseURL: configuration.recommenderURL, client: http),
        ],
        logger: logger)
}

/// Builds the dashboard around any warehouse and recommender: tests pass fakes or unreachable ones.
func buildDashboardApplication(
    port: Int, analytics: any AnalyticsRepository, recommender: any RecommenderClient, dependencies: [DependencyCheck], logger: Logger
) -> some ApplicationProtocol {
    let description = ServiceDescription(name: "dashboard", port: port, dependencies: dependencies)
    return buildServiceApplication(description, logger: logger) { router in
        DashboardRoutes(analytics: analytics, recommender: recommender, logger: logger).add(to: router)
    }
}
