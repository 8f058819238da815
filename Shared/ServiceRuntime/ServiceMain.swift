import Foundation
import Hummingbird
import Logging

/// The entry point every service executable shares: logging, metrics, configuration errors
/// as one line and exit status 2, run until SIGTERM/SIGINT, then exit 0.
public enum ServiceMain {
    public static func run<App: ApplicationProtocol>(
        service name: String,
        environment: ServiceEnvironment = ServiceEnvironment(),
        build: @Sendable (ServiceEnvironment, Logger) async throws -> App
    ) async -> Never {
        let level: Logger.Level
        if let raw = environment.optional("LOG_LEVEL") {
            guard let parsed = Logger.Level(rawValue: raw.lowercased()) else {
                exitWithError(name, ConfigurationError(variable: "LOG_LEVEL", value: raw, expected: "one of trace, debug, info, notice, warning, error, critical"), status: 2)
            }
            level = parsed
        } else {
            level = .info
        }
        LoggingSystem.bootstrap { _ in JSONLogHandler(service: name, level: level) }
        ServiceMetrics.bootstrap()
        let logger = Logger(label: name)
        let app: App
        do {
            app = try await build(environment, logger)
        } catch let error as ConfigurationError {
            exitWithError(name, error, status: 2)
        } catch {
            exitWithError(name, error, status: 1)
        }
        do {
            logger.info("starting", metadata: ["pid": "\(ProcessInfo.processInfo.processIdentifier)"])
            try await app.runService()
            logger.info("stopped")
            exit(0)
        } catch {
            logger.critical("stopped on error", metadata: ["error": "\(error)"])
            exitWithError(name, error, status: 1)
        }
    }

    private static func exitWithError(_ name: String, _ error: any Error, status: Int32) -> Never {
        FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
        exit(status)
    }
}
