import Foundation
import HTTPClient
import Logging

/// `POST /v1/events` on ingest-service (NDJSON, Bearer `INGEST_TOKEN`).
struct IngestClient: Sendable {
    enum Outcome: Sendable, Equatable {
        /// ingest-service answered for every event: these many taken, the rest refused by
        /// validation (`refused`: their positions in the batch, as far as ingest-service said).
        case answered(accepted: Int, rejected: Int, refused: Set<Int> = [])
        /// Not now (unreachable, 5xx, 503 from Kafka, 401/403 from a wrong token): keep and retry.
        case unavailable(String)
    }

    private struct Answer: Decodable {
        struct Rejection: Decodable {
            var index: Int?
            var field: String?
            var message: String?
        }

        var accepted: Int
        var rejected: Int
        var errors: [Rejection]?
    }

    let client: HTTPClient
    let ingestURL: String
    let token: String?
    let retryPolicy: RetryPolicy
    let logger: Logger

    func post(_ events: [[UInt8]]) async -> Outcome {
        var headers: HTTPHeaders = ["Content-Type": "application/x-ndjson"]
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        var body: [UInt8] = []
        for event in events {
            body.append(contentsOf: event)
            body.append(0x0A)
        }
        let request = HTTPRequest(method: .post, url: ingestURL + "/v1/events", headers: headers, body: body)
        let response: HTTPResponse
        do {
            response = try await retrying(policy: retryPolicy, logger: logger) {
                try await client.execute(request, timeout: HTTPTimeout(connect: .seconds(2), total: .seconds(15)))
            }
        } catch {
            return .unavailable("\(error)")
        }
        switch response.status {
        case 202, 400:
            guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(response.body)) else {
                // A 400 without per-event answers is about the request (malformed NDJSON would be our bug).
                return response.status == 202
                    ? .answered(accepted: events.count, rejected: 0)
                    : .answered(accepted: 0, rejected: events.count, refused: Set(events.indices))
            }
            for rejection in answer.errors ?? [] {
                logger.warning("ingest-service refused an event", metadata: [
                    "index": "\(rejection.index.map(String.init) ?? "?")", "field": "\(rejection.field ?? "?")", "reason": "\(rejection.message ?? "?")",
                ])
            }
            return .answered(accepted: answer.accepted, rejected: answer.rejected, refused: Set((answer.errors ?? []).compactMap(\.index)))
        case 413:
            // Batches are small; one this large can never be taken, and keeping it would block the queue.
            return .answered(accepted: 0, rejected: events.count, refused: Set(events.indices))
        default:
            return .unavailable("ingest-service answered \(response.status)")
        }
    }
}
