import HTTPClient
import Hummingbird
import Logging
import Postgres
import ServiceRuntime

/// Builds the dashboard: shared by the executable and the tests.
func buildDashboardApplication(_ configuration: DashboardConfiguration, logger: Logger) throws -> some ApplicationProtocol {
    let pool = PostgresConnectionPool(conninfo: configuration.postgresURL, size: 4, applicationName: "dashboard", logger: logger)
    let http = HTTPClient(logger: logger)
    let description = ServiceDescription(
        name: "dashboard",
        port: configuration.port,
        dependencies: [
            DependencyCheck("postgres") { try await pool.ping() },
            .http("recommender-api", baseURL: configuration.recommenderURL, client: http),
        ]
    )
    return buildServiceApplication(description, logger: logger) { _ in }
}
