import HTTPClient
import IngestAPI

/// Posts simulated events to an ingest-service (`INGEST_URL`) with the shared NDJSON client,
/// retrying 503s and connection errors with backoff, so a seeding run survives a broker hiccup.
struct HTTPSimulationSink: SimulationSink {
    let ingest: IngestClient

    func send(_ batch: [[UInt8]]) async throws -> (accepted: Int, rejected: Int) {
        let outcome = try await ingest.post(batch)
        return (outcome.accepted, outcome.rejected)
    }
}

extension HTTPSimulationSink {
    /// Generous retries: a seeding run should outlast a broker restart rather than stop half way.
    static let retryPolicy = RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(200), maxDelay: .seconds(10))
    static let timeout = HTTPTimeout(connect: .seconds(2), total: .seconds(30))
}
