/// Feeds simulated events straight into an `EventIngestor` (in-process: `POST /v1/simulate`,
/// and the CLI's `--target kafka`), as NDJSON batches.
struct IngestorSimulationSink: SimulationSink {
    let ingestor: EventIngestor

    func send(_ batch: [[UInt8]]) async throws -> (accepted: Int, rejected: Int) {
        var body: [UInt8] = []
        body.reserveCapacity(batch.reduce(0) { $0 + $1.count + 1 })
        for event in batch {
            body.append(contentsOf: event)
            body.append(0x0A)
        }
        let outcome = try await ingestor.ingest(body: body, contentType: "application/x-ndjson")
        return (outcome.accepted, outcome.rejected)
    }
}
