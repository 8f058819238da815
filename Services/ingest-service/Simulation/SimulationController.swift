import Foundation
import ListeningSimulation
import Logging

/// Runs at most one simulation at a time in the background for `POST /v1/simulate`, and
/// remembers how the last one went for `GET /v1/simulate`.
actor SimulationController {
    struct Status: Codable, Sendable {
        var state: String
        var events: Int?
        var users: Int?
        var seed: UInt64?
        var rate: Double?
        var report: SimulationRunner.Report?
        var error: String?
    }

    struct AlreadyRunning: Error {}

    private let sink: any SimulationSink
    private let logger: Logger
    private var status = Status(state: "idle")
    private var task: Task<Void, Never>?

    init(sink: any SimulationSink, logger: Logger) {
        self.sink = sink
        self.logger = logger
    }

    func start(_ settings: SimulationSettings, rate: Double) throws -> Status {
        if status.state == "running" { throw AlreadyRunning() }
        // Checked here so that the caller hears about bad settings; building the listeners and
        // planning the stream (seconds for millions of events) happens in the background task.
        try settings.validate()
        status = Status(state: "running", events: settings.events, users: settings.users, seed: settings.seed, rate: rate)
        let runner = SimulationRunner(settings: settings, rate: rate, batchSize: 500, sink: sink, logger: logger)
        task = Task {
            do {
                let report = try await runner.run { report in Task { await self.progress(report) } }
                finish(report: report, error: nil)
            } catch {
                logger.error("simulation failed", metadata: ["error": "\(error)"])
                finish(report: nil, error: "\(error)")
            }
        }
        return status
    }

    var current: Status { status }

    func cancel() {
        task?.cancel()
    }

    private func progress(_ report: SimulationRunner.Report) {
        if status.state == "running" { status.report = report }
    }

    private func finish(report: SimulationRunner.Report?, error: String?) {
        status.state = error == nil ? "finished" : "failed"
        if let report { status.report = report }
        status.error = error
    }
}

import ServiceLifecycle

/// Stops a running simulation when the service shuts down.
struct SimulationShutdown: Service {
    let controller: SimulationController

    func run() async throws {
        try? await gracefulShutdown()
        await controller.cancel()
    }
}
