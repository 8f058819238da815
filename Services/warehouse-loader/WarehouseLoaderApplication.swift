import Hummingbird
import Lake
import Logging
import Postgres
import ServiceLifecycle
import ServiceRuntime

/// Builds warehouse-loader: shared by the executable and the tests.
func buildWarehouseLoaderApplication(_ configuration: WarehouseLoaderConfiguration, logger: Logger) throws -> some ApplicationProtocol {
    ServiceMetrics.bootstrap()
    let (loader, pool, lake) = try makeWarehouseLoader(configuration, logger: logger)
    let dependencies = [
        DependencyCheck("postgres") { try await pool.ping() },
        DependencyCheck("lake") { try await lake.checkReachable() },
    ]
    let interval: Duration? = configuration.pollSeconds > 0 ? .seconds(configuration.pollSeconds) : nil
    let poller = LoadPoller(loader: loader, interval: interval, logger: logger)
    let description = ServiceDescription(name: "warehouse-loader", port: configuration.port, dependencies: dependencies, services: [poller])
    return buildServiceApplication(description, logger: logger) { router in
        LoaderRoutes(loader: loader).add(to: router, token: configuration.adminToken)
    }
}

/// The loader and what it talks to, for the service and for the one-shot `load` command.
func makeWarehouseLoader(
    _ configuration: WarehouseLoaderConfiguration, logger: Logger
) throws -> (WarehouseLoader, PostgresConnectionPool, any LakeStorage) {
    let lake = try ConfigurationError.judged(variable: "LAKE_URI", value: configuration.lake.description) {
        try LakeStorageFactory.make(configuration.lake, environment: configuration.environment, logger: logger)
    }
    let pool = PostgresConnectionPool(conninfo: configuration.postgresURL, size: 4, applicationName: "warehouse-loader", logger: logger)
    let loader = WarehouseLoader(lake: lake, pool: pool, schema: configuration.schema, pollSeconds: configuration.pollSeconds, logger: logger)
    return (loader, pool, lake)
}
