import Foundation
import HTTPClient
import Logging

/// `POST /v1/events` on an ingest-service (docs/CONTRACT.md): events as one NDJSON body, with
/// `Authorization: Bearer <INGEST_TOKEN>`; connection errors, 5xx and 429 retried under `retryPolicy`
/// (503 from a broker outage waits as `Retry-After` asks). Used by `ingest-service simulate` and by
/// the poller, which differ only in how hard they retry and what they do with a refusal.
public struct IngestClient: Sendable {
    let client: HTTPClient
    let endpoint: String
    let token: String?
    let retryPolicy: RetryPolicy
    let timeout: HTTPTimeout
    let logger: Logger

    /// `ingestURL` is the service's base URL (`INGEST_URL`), without `/v1/events`.
    public init(client: HTTPClient, ingestURL: String, token: String?, retryPolicy: RetryPolicy, timeout: HTTPTimeout, logger: Logger) {
        self.client = client
        self.endpoint = ingestURL + "/v1/events"
        self.token = token
        self.retryPolicy = retryPolicy
        self.timeout = timeout
        self.logger = logger
    }

    /// Posts `events` (each one JSON object, without a newline) and returns ingest-service's
    /// answer for each of them: a 202 (some or all accepted) or a 400 naming each refused event.
    /// Throws `IngestRefusal` for any other answer, the transport's error once retries are spent,
    /// and `CancellationError` when the task is cancelled.
    public func post(_ events: [[UInt8]]) async throws -> IngestOutcome {
        var headers: HTTPHeaders = ["Content-Type": "application/x-ndjson"]
        if let token { headers.replaceOrAdd(name: "Authorization", value: "Bearer \(token)") }
        let request = HTTPRequest(method: .post, url: endpoint, headers: headers, body: Self.ndjson(events))
        let response = try await retrying(policy: retryPolicy, logger: logger) {
            try await client.execute(request, timeout: timeout)
        }
        let answer = try? JSONDecoder().decode(IngestOutcome.self, from: Data(response.body))
        switch (response.status, answer) {
        case (202, let answer?), (400, let answer?):
            return answer
        case (202, nil):
            // Accepted means acknowledged by Kafka; an unreadable reply does not undo that.
            logger.warning("ingest-service accepted a batch with an unreadable reply", metadata: ["events": "\(events.count)"])
            return IngestOutcome(accepted: events.count, rejected: 0, errors: [])
        default:
            throw IngestRefusal(status: response.status, body: response.bodyText)
        }
    }

    /// The NDJSON body: each event followed by a newline.
    public static func ndjson(_ events: [[UInt8]]) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(events.reduce(events.count) { $0 + $1.count })
        for event in events {
            body.append(contentsOf: event)
            body.append(0x0A)
        }
        return body
    }
}
