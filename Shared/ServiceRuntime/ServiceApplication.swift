import Hummingbird
import Logging
import ServiceLifecycle

/// Everything that makes a process one of the platform's services, minus its own routes.
public struct ServiceDescription: Sendable {
    public var name: String
    public var host: String
    public var port: Int
    public var dependencies: [DependencyCheck]
    /// Background work (consumers, pollers) run and shut down with the HTTP server.
    public var services: [any Service]

    public init(name: String, host: String = "0.0.0.0", port: Int, dependencies: [DependencyCheck], services: [any Service] = []) {
        self.name = name
        self.host = host
        self.port = port
        self.dependencies = dependencies
        self.services = services
    }
}

/// Builds a service's application: the shared middleware and operational routes, then the
/// service's own routes. Executables run it; tests drive its router without a socket.
public func buildServiceApplication(
    _ description: ServiceDescription,
    logger: Logger,
    routes: (Router<BasicRequestContext>) -> Void
) -> some ApplicationProtocol {
    ServiceMetrics.bootstrap()
    let router = Router()
    router.middlewares.add(ErrorBodyMiddleware())
    router.middlewares.add(MetricsMiddleware())
    router.middlewares.add(LogRequestsMiddleware(.debug))
    OperationalRoutes.add(to: router, service: description.name, readiness: ReadinessProbe(checks: description.dependencies))
    routes(router)
    return Application(
        router: router,
        configuration: ApplicationConfiguration(address: .hostname(description.host, port: description.port), serverName: description.name),
        services: description.services,
        logger: logger
    )
}
