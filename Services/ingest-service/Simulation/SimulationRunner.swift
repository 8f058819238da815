import Foundation
import ListeningSimulation
import Logging

/// Drives a simulator into a sink in batches, at a target rate (0 = as fast as possible).
struct SimulationRunner: Sendable {
    struct Report: Codable, Sendable, Equatable {
        var sent: Int
        var accepted: Int
        var rejected: Int
        var seconds: Double
    }

    let settings: SimulationSettings
    /// Events per second; 0 means no pacing.
    let rate: Double
    let batchSize: Int
    let sink: any SimulationSink
    let logger: Logger

    func run(progress: @Sendable (Report) -> Void = { _ in }) async throws -> Report {
        let simulator = try ListeningSimulator(settings: settings)
        let start = ContinuousClock.now
        var report = Report(sent: 0, accepted: 0, rejected: 0, seconds: 0)
        var batch: [[UInt8]] = []
        batch.reserveCapacity(batchSize)
        func flush() async throws {
            guard !batch.isEmpty else { return }
            let (accepted, rejected) = try await sink.send(batch)
            report.sent += batch.count
            report.accepted += accepted
            report.rejected += rejected
            batch.removeAll(keepingCapacity: true)
            report.seconds = (ContinuousClock.now - start).secondsValue
            progress(report)
            if rate > 0 {
                // Pace against the schedule, not the last batch, so the average rate holds.
                let due = start + .milliseconds(Int64(Double(report.sent) / rate * 1000))
                if due > .now { try await Task.sleep(until: due) }
            }
        }
        for event in simulator {
            try Task.checkCancellation()
            batch.append(event.json)
            if batch.count == batchSize { try await flush() }
        }
        try await flush()
        report.seconds = (ContinuousClock.now - start).secondsValue
        logger.info("simulation finished", metadata: ["sent": "\(report.sent)", "accepted": "\(report.accepted)",
                                                      "rejected": "\(report.rejected)", "seconds": "\(report.seconds)"])
        return report
    }
}

extension Duration {
    var secondsValue: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
