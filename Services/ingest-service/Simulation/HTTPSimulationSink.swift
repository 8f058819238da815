import Foundation
import HTTPClient
import Logging

/// Posts simulated events to an ingest-service (`INGEST_URL`) as NDJSON, retrying 503s and
/// connection errors with backoff, so a seeding run survives a broker hiccup.
struct HTTPSimulationSink: SimulationSink {
    struct Refused: Error, CustomStringConvertible {
        let status: Int
        let body: String
        var description: String { "ingest-service answered \(status): \(body)" }
    }

    let client: HTTPClient
    let ingestURL: String
    let token: String?
    let logger: Logger

    func send(_ batch: [[UInt8]]) async throws -> (accepted: Int, rejected: Int) {
        var headers: HTTPHeaders = ["Content-Type": "application/x-ndjson"]
        if let token { headers.replaceOrAdd(name: "Authorization", value: "Bearer \(token)") }
        var body: [UInt8] = []
        for event in batch {
            body.append(contentsOf: event)
            body.append(0x0A)
        }
        let request = HTTPRequest(method: .post, url: ingestURL + "/v1/events", headers: headers, body: body)
        let policy = RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(200), maxDelay: .seconds(10))
        let response = try await retrying(policy: policy, logger: logger) {
            try await client.execute(request, timeout: HTTPTimeout(connect: .seconds(2), total: .seconds(30)))
        }
        guard response.status == 202 || response.status == 400 else {
            throw Refused(status: response.status, body: response.bodyText)
        }
        let outcome = try JSONDecoderForOutcome.decode(response.body)
        return (outcome.accepted, outcome.rejected)
    }
}

enum JSONDecoderForOutcome {
    static func decode(_ bytes: [UInt8]) throws -> IngestOutcome {
        try JSONDecoder().decode(IngestOutcome.self, from: Data(bytes))
    }
}
