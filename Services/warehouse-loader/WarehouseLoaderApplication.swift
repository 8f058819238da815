import Hummingbird
import Logging
import Postgres
import ServiceRuntime

/// Builds warehouse-loader: shared by the executable and the tests.
func buildWarehouseLoaderApplication(_ configuration: WarehouseLoaderConfiguration, logger: Logger) throws -> some ApplicationProtocol {
    let pool = PostgresConnectionPool(conninfo: configuration.postgresURL, size: 4, applicationName: "warehouse-loader", logger: logger)
    var dependencies = [DependencyCheck("postgres") { try await pool.ping() }]
    if case let .file(path) = configuration.lake {
        dependencies.append(DependencyCheck("lake") { try LakeProbe.checkWritable(directory: path) })
    }
    let description = ServiceDescription(name: "warehouse-loader", port: configuration.port, dependencies: dependencies)
    return buildServiceApplication(description, logger: logger) { _ in }
}
