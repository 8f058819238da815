import Foundation
import HTTPClient
import IngestAPI
import Logging
import Testing

/// The one NDJSON client of `POST /v1/events` (simulator and poller), against a scripted server.
@Suite("IngestClient: POST /v1/events")
struct IngestClientTests {
    let events: [[UInt8]] = [Array(#"{"event_id":"a"}"#.utf8), Array(#"{"event_id":"b"}"#.utf8), Array(#"{"event_id":"c"}"#.utf8)]

    func client(_ ingest: ScriptedIngest, token: String? = "s3cret", attempts: Int = 3) -> IngestClient {
        IngestClient(client: HTTPClient(logger: Logger(label: "test")), ingestURL: ingest.url, token: token,
                     retryPolicy: RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(10), maxDelay: .seconds(2)),
                     timeout: HTTPTimeout(connect: .seconds(2), total: .seconds(10)), logger: Logger(label: "test"))
    }

    @Test("one NDJSON line per event, the bearer token and the content type; the 202 reply decoded")
    func postsNDJSON() async throws {
        let ingest = try await ScriptedIngest.start([.init(status: 202, body: #"{"accepted":3,"errors":[],"rejected":0}"#)])
        defer { Task { await ingest.stop() } }
        let outcome = try await client(ingest).post(events)
        #expect(outcome == IngestOutcome(accepted: 3, rejected: 0, errors: []))
        let request = try #require(ingest.requests.first)
        #expect(request.body == "{\"event_id\":\"a\"}\n{\"event_id\":\"b\"}\n{\"event_id\":\"c\"}\n")
        #expect(request.authorization == "Bearer s3cret")
        #expect(request.contentType == "application/x-ndjson")
    }

    @Test("without a token, no Authorization header")
    func noToken() async throws {
        let ingest = try await ScriptedIngest.start([.init(status: 202, body: #"{"accepted":3,"errors":[],"rejected":0}"#)])
        defer { Task { await ingest.stop() } }
        _ = try await client(ingest, token: nil).post(events)
        #expect(ingest.requests.first?.authorization == nil)
    }

    @Test("a 400 naming refused events is an answer, with their positions")
    func perEventRefusals() async throws {
        let body = #"{"accepted":0,"errors":[{"event_id":null,"field":"played_at","index":0,"message":"missing"},{"event_id":"c","field":"user_id","index":2,"message":"empty"}],"rejected":2}"#
        let ingest = try await ScriptedIngest.start([.init(status: 400, body: body)])
        defer { Task { await ingest.stop() } }
        let outcome = try await client(ingest).post(Array(events[0...0]) + Array(events[2...2]) + [events[0]])
        #expect(outcome.rejected == 2)
        #expect(outcome.refusedIndices == [0, 2])
        #expect(outcome.errors.last?.eventID == "c")
        #expect(ingest.requests.count == 1)
    }

    @Test("a 503 with Retry-After is retried, and the answer after it returned")
    func retriesUnavailable() async throws {
        let ingest = try await ScriptedIngest.start([
            .init(status: 503, body: #"{"error":"kafka_unavailable","message":"down"}"#, retryAfter: "1"),
            .init(status: 202, body: #"{"accepted":3,"errors":[],"rejected":0}"#),
        ])
        defer { Task { await ingest.stop() } }
        let started = ContinuousClock.now
        let outcome = try await client(ingest).post(events)
        #expect(outcome.accepted == 3)
        #expect(ingest.requests.count == 2)
        #expect(ContinuousClock.now - started >= .milliseconds(900), "waited as Retry-After asked")
    }

    @Test("whole-request refusals are thrown, telling which can never pass", arguments: [
        (413, true), (400, true), (401, false), (403, false),
    ])
    func refusals(status: Int, permanent: Bool) async throws {
        let ingest = try await ScriptedIngest.start([.init(status: status, body: #"{"error":"x","message":"no"}"#)])
        defer { Task { await ingest.stop() } }
        let error = try await #require(throws: IngestRefusal.self) { try await client(ingest).post(events) }
        #expect(error.status == status)
        #expect(error.isPermanent == permanent)
        #expect(error.description.contains("\(status)"))
        #expect(ingest.requests.count == 1, "a 4xx is not retried")
    }

    @Test("a 500 is retried until the policy's attempts are spent, then thrown")
    func serverErrorsSpendRetries() async throws {
        let ingest = try await ScriptedIngest.start([.init(status: 500, body: "{}")])
        defer { Task { await ingest.stop() } }
        let error = try await #require(throws: IngestRefusal.self) { try await client(ingest, attempts: 3).post(events) }
        #expect(error.status == 500)
        #expect(!error.isPermanent)
        #expect(ingest.requests.count == 3)
    }

    @Test("nothing listening: the transport's error once retries are spent, not a refusal")
    func unreachable() async throws {
        let ingest = try await ScriptedIngest.start([.init(status: 202, body: "{}")])
        let url = ingest.url
        await ingest.stop()
        let client = IngestClient(client: HTTPClient(logger: Logger(label: "test")), ingestURL: url, token: nil,
                                  retryPolicy: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10), maxDelay: .milliseconds(20)),
                                  timeout: HTTPTimeout(connect: .seconds(1), total: .seconds(2)), logger: Logger(label: "test"))
        await #expect {
            try await client.post(events)
        } throws: { !($0 is IngestRefusal) }
    }

    @Test("the NDJSON framing: a newline after every event, nothing for no events")
    func framing() {
        #expect(IngestClient.ndjson([]) == [])
        #expect(IngestClient.ndjson([Array("{}".utf8)]) == Array("{}\n".utf8))
        #expect(IngestClient.ndjson(events).filter { $0 == 0x0A }.count == 3)
    }
}
