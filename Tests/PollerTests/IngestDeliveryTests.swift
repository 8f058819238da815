import HTTPClient
import IngestAPI
import Logging
import Testing

@testable import Poller

/// How the poller's queue treats each answer of ingest-service: a batch leaves the queue only when
/// ingest-service answered for it, or when it can never be taken.
@Suite("poller: delivering a queued batch")
struct IngestDeliveryTests {
    let batch: [[UInt8]] = [Array(#"{"event_id":"a"}"#.utf8), Array(#"{"event_id":"b"}"#.utf8)]

    func deliver(_ answers: [ScriptedIngest.Answer]) async throws -> IngestDelivery {
        let ingest = try await ScriptedIngest.start(answers)
        defer { Task { await ingest.stop() } }
        let logger = Logger(label: "test")
        let client = IngestClient(client: HTTPClient(logger: logger), ingestURL: ingest.url, token: "t",
                                  retryPolicy: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50)),
                                  timeout: HTTPTimeout(connect: .seconds(1), total: .seconds(5)), logger: logger)
        return await client.deliver(batch, logger: logger)
    }

    @Test("accepted, with one event refused by validation: answered, naming its position")
    func partlyRefused() async throws {
        let body = #"{"accepted":1,"errors":[{"event_id":"b","field":"track_id","index":1,"message":"missing"}],"rejected":1}"#
        #expect(try await deliver([.init(status: 202, body: body)]) == .answered(accepted: 1, rejected: 1, refused: [1]))
    }

    @Test("too large or unreadable: every event refused, so the batch cannot block the queue", arguments: [
        413, 400,
    ])
    func neverTaken(status: Int) async throws {
        #expect(try await deliver([.init(status: status, body: #"{"error":"x","message":"no"}"#)]) == .answered(accepted: 0, rejected: 2, refused: [0, 1]))
    }

    @Test("a wrong token or an outage keeps the batch queued", arguments: [
        401, 403, 503, 500,
    ])
    func keptQueued(status: Int) async throws {
        guard case .unavailable = try await deliver([.init(status: status, body: "{}")]) else {
            Issue.record("\(status) must keep the batch queued")
            return
        }
    }
}
