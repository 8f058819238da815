/// Where simulated events go: this service's own ingestion path, or another ingest-service
/// over HTTP. Either way they pass the same validation as any client's events.
protocol SimulationSink: Sendable {
    /// Sends one batch of event JSON documents; returns how many were accepted and rejected.
    func send(_ batch: [[UInt8]]) async throws -> (accepted: Int, rejected: Int)
}
