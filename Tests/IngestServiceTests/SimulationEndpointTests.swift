import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import IngestService

@Suite("POST /v1/simulate")
struct SimulationEndpointTests {
    func status(_ client: some TestClientProtocol) async throws -> [String: Any] {
        try await client.execute(uri: "/v1/simulate", method: .get) { response in
            try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! [String: Any]
        }
    }

    @Test("starts simulated traffic through the ingestion path; GET reports the outcome")
    func runsToCompletion() async throws {
        let publisher = RecordingPublisher()
        try await IngestFixtures.app(publisher: publisher).test(.router) { client in
            let started = try await client.execute(uri: "/v1/simulate", method: .post, headers: [.contentType: "application/json"],
                                                   body: ByteBuffer(string: #"{"events": 3000, "users": 20, "seed": 7}"#)) { $0.status }
            #expect(started == .accepted)
            var state = ""
            for _ in 0..<200 where state != "finished" && state != "failed" {
                try await Task.sleep(for: .milliseconds(50))
                state = try await status(client)["state"] as? String ?? ""
            }
            #expect(state == "finished")
            let report = try #require(try await status(client)["report"] as? [String: Any])
            #expect(report["sent"] as? Int == 3000)
            #expect(report["accepted"] as? Int == 3000, "simulated events are all structurally valid")
        }
        let eventRecords = publisher.records.filter { $0.topic != "events_dlq" }
        #expect(eventRecords.count == 3000)
        #expect(Set(eventRecords.map(\.topic)) == ["user_plays", "user_skips", "user_likes", "now_playing"])
    }

    @Test("bad settings are a 400 naming the problem; a second run while one runs is a 409")
    func validation() async throws {
        try await IngestFixtures.app(publisher: RecordingPublisher()).test(.router) { client in
            let bad = try await client.execute(uri: "/v1/simulate", method: .post, body: ByteBuffer(string: #"{"events": 10, "users": 50}"#)) { response in
                (response.status, String(buffer: response.body))
            }
            #expect(bad.0 == .badRequest)
            #expect(bad.1.contains("users"))
            // A billion listeners would be built up front: refused before anything is allocated.
            let huge = try await client.execute(uri: "/v1/simulate", method: .post,
                                                body: ByteBuffer(string: #"{"events": 2000000000, "users": 2000000000, "days": 3660}"#)) { response in
                (response.status, String(buffer: response.body))
            }
            #expect(huge.0 == .badRequest)
            #expect(huge.1.contains("events must be at most 100000000"), "\(huge.1)")
            let slow = #"{"events": 100000, "users": 100, "rate": 50}"#
            let first = try await client.execute(uri: "/v1/simulate", method: .post, body: ByteBuffer(string: slow)) { $0.status }
            let second = try await client.execute(uri: "/v1/simulate", method: .post, body: ByteBuffer(string: slow)) { $0.status }
            #expect(first == .accepted)
            #expect(second == .conflict)
        }
    }

    @Test("ADMIN_TOKEN set: simulate needs it")
    func token() async throws {
        try await IngestFixtures.app(publisher: RecordingPublisher(), env: ["ADMIN_TOKEN": "admin-secret-1"]).test(.router) { client in
            let body = ByteBuffer(string: #"{"events": 10, "users": 2}"#)
            let refused = try await client.execute(uri: "/v1/simulate", method: .post, body: body) { $0.status }
            #expect(refused == .unauthorized)
            let started = try await client.execute(uri: "/v1/simulate", method: .post, headers: [.authorization: "Bearer admin-secret-1"], body: body) { $0.status }
            #expect(started == .accepted)
        }
    }
}
