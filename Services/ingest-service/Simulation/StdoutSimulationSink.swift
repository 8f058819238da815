import Foundation

/// Writes simulated events to stdout as NDJSON (`--target stdout`), for loading them
/// elsewhere — a warehouse fixture, a file for another tool — without the pipeline.
struct StdoutSimulationSink: SimulationSink {
    func send(_ batch: [[UInt8]]) async throws -> (accepted: Int, rejected: Int) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(batch.reduce(0) { $0 + $1.count + 1 })
        for event in batch {
            bytes.append(contentsOf: event)
            bytes.append(0x0A)
        }
        try FileHandle.standardOutput.write(contentsOf: bytes)
        return (batch.count, 0)
    }
}
