import HTTPClient
import Hummingbird
import Logging
import ServiceRuntime

/// Builds the poller: shared by the executable and the tests.
func buildPollerApplication(_ configuration: PollerConfiguration, logger: Logger) throws -> some ApplicationProtocol {
    let parts = PollerComponents(configuration, logger: logger)
    let description = ServiceDescription(
        name: "poller",
        port: configuration.port,
        dependencies: [
            .http("ingest-service", baseURL: configuration.ingestURL, client: parts.http),
            // Not connected yet is fine (the poller idles); a refused grant needs an operator.
            DependencyCheck("spotify-auth") {
                if await parts.authorization.currentState() == .reauthorizationRequired {
                    throw DependencyFailure(await parts.authorization.problem ?? "Spotify authorization lost: run `poller auth`")
                }
            },
        ],
        services: [parts.pollingService(configuration)]
    )
    return buildServiceApplication(description, logger: logger) { router in
        PollerRoutes(poller: parts.poller, authorization: parts.authorization, status: parts.status)
            .add(to: router, adminToken: configuration.adminToken)
    }
}
