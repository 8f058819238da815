import EventSchema
import Foundation
import Hummingbird
import HummingbirdTesting
import Kafka
import Testing

@testable import IngestService

@Suite("POST /v1/events")
struct IngestEndpointTests {
    @Test("one event: 202, routed to its topic with key, headers and the original bytes")
    func singleEvent() async throws {
        let publisher = RecordingPublisher()
        let body = IngestFixtures.event(extra: #","unknown_field":{"nested":[1,2]}"#)
        try await IngestFixtures.app(publisher: publisher).test(.router) { client in
            let reply = try await client.postEvents(body)
            #expect(reply.status == .accepted)
            #expect(reply.accepted == 1 && reply.rejected == 0 && reply.errors.isEmpty)
        }
        let record = try #require(publisher.records.first)
        #expect(publisher.records.count == 1)
        #expect(record.topic == "user_plays")
        #expect(record.key == Array("user_0042".utf8))
        #expect(record.value == Array(body.utf8), "payload forwarded unchanged, unknown fields included")
        #expect(record.headers.value(forKey: "event_type") == "play")
        #expect(record.headers.value(forKey: "schema_version") == "1")
    }

    @Test("each event type goes to its own topic", arguments: [("play", "user_plays"), ("skip", "user_skips"), ("like", "user_likes"), ("now_playing", "now_playing")])
    func routing(type: String, topic: String) async throws {
        let publisher = RecordingPublisher()
        try await IngestFixtures.app(publisher: publisher).test(.router) { client in
            let reply = try await client.postEvents(IngestFixtures.event(type: type))
            #expect(reply.status == .accepted)
        }
        #expect(publisher.records.map(\.topic) == [topic])
    }

    @Test("a JSON array and NDJSON carry many events; invalid ones are listed and dead-lettered")
    func batches() async throws {
        let good = (0..<3).map { _ in IngestFixtures.event() }
        let bad = #"{"event_id":"not-a-uuid","user_id":"u","event_type":"play","track_id":"t","played_at":"2025-11-18T14:23:15Z"}"#
        for (body, contentType) in [("[" + (good + [bad]).joined(separator: ",") + "]", "application/json"),
                                    ((good + [bad]).joined(separator: "\r\n") + "\n\n", "application/x-ndjson")] {
            let publisher = RecordingPublisher()
            try await IngestFixtures.app(publisher: publisher).test(.router) { client in
                let reply = try await client.postEvents(body, contentType: contentType)
                #expect(reply.status == .accepted)
                #expect(reply.accepted == 3 && reply.rejected == 1)
                let error = try #require(reply.errors.first)
                #expect(error["index"] as? Int == 3)
                #expect(error["field"] as? String == "event_id")
                #expect((error["message"] as? String)?.contains("UUID") == true)
            }
            #expect(publisher.records(on: "user_plays").count == 3)
            let letter = try #require(publisher.records(on: "events_dlq").first)
            #expect(letter.value == Array(bad.utf8))
            #expect(letter.headers.value(forKey: "reason")?.hasPrefix("event_id:") == true)
            #expect(letter.headers.value(forKey: "source_service") == "ingest-service")
        }
    }

    @Test("nothing accepted: 400 with the same body shape, every event dead-lettered")
    func noneAccepted() async throws {
        let publisher = RecordingPublisher()
        try await IngestFixtures.app(publisher: publisher).test(.router) { client in
            let reply = try await client.postEvents(#"[{"event_type":"play"},{"user_id":"x"}]"#)
            #expect(reply.status == .badRequest)
            #expect(reply.accepted == 0 && reply.rejected == 2 && reply.errors.count == 2)
        }
        #expect(publisher.records(on: "events_dlq").count == 2)
        #expect(publisher.records.count == 2)
    }

    @Test("malformed JSON: 400 naming line and column; the body is dead-lettered")
    func malformed() async throws {
        let publisher = RecordingPublisher()
        let body = "[\n" + IngestFixtures.event() + ",\n{\"event_id\": oops}\n]"
        try await IngestFixtures.app(publisher: publisher).test(.router) { client in
            let reply = try await client.postEvents(body)
            #expect(reply.status == .badRequest)
            #expect(reply.errorCode == "invalid_json")
            #expect(reply.message?.contains("line 3") == true, "\(reply.message ?? "")")
        }
        #expect(publisher.records(on: "events_dlq").map(\.value) == [Array(body.utf8)])
        #expect(publisher.records(on: "user_plays").isEmpty, "a body that cannot be split is refused whole")
    }

    @Test("Kafka not acknowledging: 503 with Retry-After, never a 202")
    func kafkaDown() async throws {
        let publisher = RecordingPublisher(failTopics: ["user_plays"])
        try await IngestFixtures.app(publisher: publisher).test(.router) { client in
            let reply = try await client.postEvents("[" + IngestFixtures.event() + "," + IngestFixtures.event(type: "like") + "]")
            #expect(reply.status == .serviceUnavailable)
            #expect(reply.errorCode == "kafka_unavailable")
            #expect(reply.headers[.retryAfter] == "5")
            #expect(reply.message?.contains("1 of 2") == true)
        }
    }

    @Test("a dead-letter write that fails is a 503 too: a rejected event is never dropped silently")
    func deadLetterDown() async throws {
        let publisher = RecordingPublisher(failTopics: ["events_dlq"])
        try await IngestFixtures.app(publisher: publisher).test(.router) { client in
            let invalidEvent = try await client.postEvents("{}")
            #expect(invalidEvent.status == .serviceUnavailable)
            let malformed = try await client.postEvents("{oops")
            #expect(malformed.status == .serviceUnavailable)
        }
    }

    @Test("limits: body size and batch size are 413 with the limit in the message")
    func limits() async throws {
        let publisher = RecordingPublisher()
        let env = ["INGEST_SERVICE_MAX_BODY_BYTES": "4096", "INGEST_SERVICE_MAX_BATCH_EVENTS": "3"]
        try await IngestFixtures.app(publisher: publisher, env: env).test(.router) { client in
            let big = try await client.postEvents("[" + Array(repeating: IngestFixtures.event(), count: 30).joined(separator: ",") + "]")
            #expect(big.status == .contentTooLarge)
            #expect(big.message?.contains("4096") == true)
            let many = try await client.postEvents(Array(repeating: IngestFixtures.event(), count: 4).joined(separator: "\n"), contentType: "application/x-ndjson")
            #expect(many.status == .contentTooLarge)
            #expect(many.errorCode == "too_many_events")
            #expect(many.message?.contains("limit is 3") == true)
        }
        #expect(publisher.records.isEmpty)
    }

    @Test("wrong or missing content type: 415 naming what is accepted",
          arguments: ["text/plain", "application/x-www-form-urlencoded", "application/xml", nil])
    func contentType(contentType: String?) async throws {
        try await IngestFixtures.app(publisher: RecordingPublisher()).test(.router) { client in
            let reply = try await client.postEvents(IngestFixtures.event(), contentType: contentType)
            #expect(reply.status == .unsupportedMediaType)
            #expect(reply.message?.contains("application/x-ndjson") == true)
        }
    }

    @Test("INGEST_TOKEN set: missing or wrong bearer token is 401, the right one is accepted")
    func token() async throws {
        let publisher = RecordingPublisher()
        try await IngestFixtures.app(publisher: publisher, env: ["INGEST_TOKEN": "ingest-secret-1"]).test(.router) { client in
            let missing = try await client.postEvents(IngestFixtures.event())
            #expect(missing.status == .unauthorized)
            let wrong = try await client.postEvents(IngestFixtures.event(), headers: [.authorization: "Bearer nope-nope"])
            #expect(wrong.status == .unauthorized)
            let right = try await client.postEvents(IngestFixtures.event(), headers: [.authorization: "Bearer ingest-secret-1"])
            #expect(right.status == .accepted)
        }
        #expect(publisher.records.count == 1)
    }

    @Test("duplicate event_ids are accepted and counted on /metrics")
    func duplicates() async throws {
        let id = UUID()
        try await IngestFixtures.app(publisher: RecordingPublisher()).test(.router) { client in
            let before = try await client.metric("ingest_duplicate_events_total")
            for _ in 0..<3 {
                let reply = try await client.postEvents(IngestFixtures.event(id: id))
                #expect(reply.status == .accepted)
            }
            let after = try await client.metric("ingest_duplicate_events_total")
            // The registry is process-wide and other suites (the simulator's dirty share) add
            // duplicates concurrently: at least our two must be counted. RecentEventIDsTests
            // checks the exact counting.
            #expect(after - before >= 2)
        }
    }

    @Test("/openapi.json is a valid OpenAPI 3 document describing the endpoint")
    func openAPI() async throws {
        try await IngestFixtures.app(publisher: RecordingPublisher()).test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                let document = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! [String: Any]
                #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
                let paths = document["paths"] as! [String: Any]
                #expect(paths["/v1/events"] != nil)
            }
        }
    }
}

extension TestClientProtocol {
    /// The value of an unlabelled counter on `/metrics` (0 before its first increment).
    func metric(_ name: String) async throws -> Int {
        try await execute(uri: "/metrics", method: .get) { response in
            let line = String(buffer: response.body).split(separator: "\n").first { $0.hasPrefix(name + " ") }
            return line.flatMap { Int($0.split(separator: " ").last!) } ?? 0
        }
    }
}
