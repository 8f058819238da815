import ArgumentParser
import ServiceRuntime

/// `poller run` (and a bare `poller`): the long-running service with its HTTP API.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the poller service: polls currently-playing, syncs recently-played, serves /status, /sync, /metrics."
    )

    func run() async throws {
        await ServiceMain.run(service: "poller") { env, logger in
            try buildPollerApplication(PollerConfiguration(env), logger: logger)
        }
    }
}
