import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import IngestService

/// Hostile and broken requests: each gets its documented 4xx with a clear message, none a 5xx,
/// and every event that was read and rejected is kept in the dead-letter topic.
@Suite("bad-input corpus")
struct BadInputCorpusTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let body: [UInt8]
        var contentType: String? = "application/json"
        var authorization: String? = nil
        let status: Int
        /// For per-event rejections: the field the first error must name.
        var field: String? = nil
        var testDescription: String { name }
    }

    static func event(_ patch: [String: String], drop: [String] = []) -> [UInt8] {
        var fields: [(String, String)] = [
            ("event_id", "\"\(UUID().uuidString.lowercased())\""), ("user_id", "\"user_1\""), ("event_type", "\"play\""),
            ("track_id", "\"0VjIjW4GlUZAMYd2vXMi3b\""), ("track_name", "\"Song\""), ("artist_name", "\"Artist\""),
            ("duration_ms", "200040"), ("played_at", "\"2025-11-18T14:23:15Z\""),
        ]
        fields.removeAll { drop.contains($0.0) }
        for (key, value) in patch {
            if let index = fields.firstIndex(where: { $0.0 == key }) { fields[index].1 = value } else { fields.append((key, value)) }
        }
        return Array(("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}").utf8)
    }

    static let valid = event([:])
    static let future = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 86_400))

    static let cases: [Case] = [
        Case(name: "empty body", body: [], status: 400),
        Case(name: "whitespace only", body: Array(" \n\t ".utf8), status: 400),
        Case(name: "JSON null", body: Array("null".utf8), status: 400, field: "$"),
        Case(name: "a number", body: Array("42".utf8), status: 400, field: "$"),
        Case(name: "a string", body: Array("\"event\"".utf8), status: 400, field: "$"),
        Case(name: "empty array", body: Array("[]".utf8), status: 400),
        Case(name: "truncated object", body: Array("{\"event_id\":".utf8), status: 400),
        Case(name: "array without closing bracket", body: Array("[".utf8) + valid, status: 400),
        Case(name: "trailing comma in array", body: Array("[".utf8) + valid + Array(",]".utf8), status: 400),
        Case(name: "two objects concatenated", body: valid + valid, status: 400),
        Case(name: "10,000 nested arrays", body: Array(String(repeating: "[", count: 10_000).utf8), status: 400),
        Case(name: "deep nesting inside an unknown field", body: event(["extra": String(repeating: "[", count: 200) + String(repeating: "]", count: 200)]), status: 400),
        Case(name: "number beyond double range", body: event(["duration_ms": "1e400"]), status: 400, field: "duration_ms"),
        Case(name: "integer beyond Int64", body: event(["duration_ms": "99999999999999999999999"]), status: 400, field: "duration_ms"),
        Case(name: "NaN literal", body: event(["duration_ms": "NaN"]), status: 400),
        Case(name: "Infinity literal", body: event(["duration_ms": "Infinity"]), status: 400),
        Case(name: "fractional duration", body: event(["duration_ms": "1.5"]), status: 400, field: "duration_ms"),
        Case(name: "duration as string", body: event(["duration_ms": "\"200\""]), status: 400, field: "duration_ms"),
        Case(name: "unknown event_type", body: event(["event_type": "\"pause\""]), status: 400, field: "event_type"),
        Case(name: "missing event_id", body: event([:], drop: ["event_id"]), status: 400, field: "event_id"),
        Case(name: "empty user_id", body: event(["user_id": "\"\""]), status: 400, field: "user_id"),
        Case(name: "user_id of 129 characters", body: event(["user_id": "\"" + String(repeating: "u", count: 129) + "\""]), status: 400, field: "user_id"),
        Case(name: "track_id with a space", body: event(["track_id": "\"a b\""]), status: 400, field: "track_id"),
        Case(name: "track_id of 65 characters", body: event(["track_id": "\"" + String(repeating: "t", count: 65) + "\""]), status: 400, field: "track_id"),
        Case(name: "played_at not a timestamp", body: event(["played_at": "\"yesterday\""]), status: 400, field: "played_at"),
        Case(name: "played_at three days ahead", body: event(["played_at": "\"\(future)\""]), status: 400, field: "played_at"),
        Case(name: "played_at without offset", body: event(["played_at": "\"2025-11-18T14:23:15\""]), status: 400, field: "played_at"),
        Case(name: "invalid UTF-8 in a string", body: event(["track_name": "\"\u{FFFD}\""]).map { $0 == 0xEF ? 0xFF : $0 }, status: 400),
        Case(name: "lone surrogate escape", body: event(["track_name": "\"\\ud800\""]), status: 400, field: "$"),
        Case(name: "NUL escape in user_id", body: event(["user_id": "\"a\\u0000b\""]), status: 400, field: "user_id"),
        Case(name: "play without track_name", body: event([:], drop: ["track_name"]), status: 400, field: "track_name"),
        Case(name: "play without duration_ms", body: event([:], drop: ["duration_ms"]), status: 400, field: "duration_ms"),
        Case(name: "unsupported schema_version", body: event(["schema_version": "2"]), status: 400, field: "schema_version"),
        Case(name: "array of arrays", body: Array("[[1,2]]".utf8), status: 400, field: "$"),
        Case(name: "event_id given twice", body: event(["user_id": "\"u\",\"event_id\":\"\(UUID().uuidString)\""]), status: 400, field: "event_id"),
        Case(name: "UTF-16 encoded body", body: [0xFF, 0xFE] + Array(String(decoding: valid, as: UTF8.self).utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, status: 400),
        Case(name: "raw newline inside a string", body: event(["track_name": "\"a\nb\""]), status: 400, field: "$"),
        Case(name: "track_name of 5,000 characters", body: event(["track_name": "\"" + String(repeating: "é", count: 5_000) + "\""]), status: 400, field: "track_name"),
        Case(name: "NDJSON: one broken line among good ones", body: valid + Array("\n{broken\n".utf8) + event([:]), contentType: "application/x-ndjson", status: 202, field: "$"),
        Case(name: "NDJSON: only garbage lines", body: Array("garbage\nmore garbage\n".utf8), contentType: "application/x-ndjson", status: 400, field: "$"),
        Case(name: "mixed array: one valid, one invalid", body: Array("[".utf8) + valid + Array(",{\"event_id\":1}]".utf8), status: 202, field: "event_id"),
        Case(name: "text/plain content type", body: valid, contentType: "text/plain", status: 415),
        Case(name: "form content type", body: valid, contentType: "application/x-www-form-urlencoded", status: 415),
        Case(name: "no content type", body: valid, contentType: nil, status: 415),
        Case(name: "body over the size limit", body: Array(repeating: UInt8(ascii: " "), count: 70_000) + valid, status: 413),
        Case(name: "more events than the batch limit", body: Array((0..<6).map { _ in String(decoding: event([:]), as: UTF8.self) }.joined(separator: "\n").utf8), contentType: "application/x-ndjson", status: 413),
        Case(name: "wrong bearer token", body: valid, authorization: "Bearer wrong-token", status: 401),
        Case(name: "bearer scheme missing", body: valid, authorization: "ingest-secret-9", status: 401),
        Case(name: "emoji and combining marks are fine", body: event(["track_name": "\"Déjà vu 🎧 e\u{301}\""]), status: 202),
        Case(name: "unknown fields are ignored", body: event(["whatever": "{\"a\":[1,{\"b\":null}]}"]), status: 202),
    ]

    @Test("each request gets its documented status and a clear message; rejected events are dead-lettered", arguments: cases)
    func corpus(testCase: Case) async throws {
        let publisher = RecordingPublisher()
        let env = ["INGEST_SERVICE_MAX_BODY_BYTES": "65536", "INGEST_SERVICE_MAX_BATCH_EVENTS": "5", "INGEST_TOKEN": "ingest-secret-9"]
        try await IngestFixtures.app(publisher: publisher, env: env).test(.router) { client in
            var headers: HTTPFields = [.authorization: testCase.authorization ?? "Bearer ingest-secret-9"]
            if testCase.authorization == nil { headers[.authorization] = "Bearer ingest-secret-9" }
            let reply = try await client.postEvents(ByteBuffer(bytes: testCase.body), contentType: testCase.contentType, headers: headers)
            #expect(Int(reply.status.code) == testCase.status, "\(testCase.name): \(reply.json)")
            #expect(reply.status.code < 500)
            if let rejected = reply.rejected {
                // Per-event outcome: every rejected event is in the dead-letter topic with a reason.
                #expect(publisher.records(on: "events_dlq").count == rejected)
                #expect(reply.errors.allSatisfy { !(($0["message"] as? String) ?? "").isEmpty })
                if let field = testCase.field { #expect(reply.errors.first?["field"] as? String == field, "\(reply.errors)") }
            } else {
                #expect(reply.errorCode != nil && (reply.message?.count ?? 0) > 10, "error body: \(reply.json)")
                if reply.errorCode == "invalid_json" {
                    #expect(publisher.records(on: "events_dlq").count == 1, "the unreadable body is kept")
                }
            }
            for letter in publisher.records(on: "events_dlq") {
                #expect(letter.headers.value(forKey: "reason")?.isEmpty == false)
            }
        }
    }

    @Test("the corpus is large enough")
    func size() { #expect(Self.cases.count >= 40) }
}
