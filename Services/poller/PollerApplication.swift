import HTTPClient
import Hummingbird
import Logging
import ServiceRuntime

/// Builds the poller: shared by the executable and the tests.
func buildPollerApplication(_ configuration: PollerConfiguration, logger: Logger) throws -> some ApplicationProtocol {
    let http = HTTPClient(logger: logger)
    let description = ServiceDescription(
        name: "poller",
        port: configuration.port,
        dependencies: [.http("ingest-service", baseURL: configuration.ingestURL, client: http)]
    )
    return buildServiceApplication(description, logger: logger) { _ in }
}
