import IngestAPI

/// Feeds simulated events straight into an `EventIngestor` (in-process: `POST /v1/simulate`,
/// and the CLI's `--target kafka`), as the NDJSON body `IngestClient` would post.
struct IngestorSimulationSink: SimulationSink {
    let ingestor: EventIngestor

    func send(_ batch: [[UInt8]]) async throws -> (accepted: Int, rejected: Int) {
        let outcome = try await ingestor.ingest(body: IngestClient.ndjson(batch), contentType: "application/x-ndjson")
        return (outcome.accepted, outcome.rejected)
    }
}
