import EventSchema
import Foundation
import Kafka
import IngestAPI
import Testing

@testable import IngestService

/// The shortcuts of the per-request path (issue #18) give exactly what the general code gives.
@Suite("ingest reply and record headers")
struct IngestReplyEncodingTests {
    private func encoded(_ outcome: IngestOutcome) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Array(try encoder.encode(outcome))
    }

    @Test("a reply without rejections is written byte for byte as JSONEncoder writes it")
    func replyWithoutRejections() throws {
        for outcome in [IngestOutcome(accepted: 1, rejected: 0, errors: []), IngestOutcome(accepted: 12_345, rejected: 0, errors: [])] {
            #expect(try outcome.jsonBytes() == encoded(outcome))
        }
    }

    @Test("a reply with rejections still names each one, event_id null when absent")
    func replyWithRejections() throws {
        let outcome = IngestOutcome(accepted: 1, rejected: 1, errors: [.init(index: 1, eventID: nil, field: "played_at", message: "missing")])
        let bytes = try outcome.jsonBytes()
        #expect(bytes == (try encoded(outcome)))
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""event_id":null"#))
    }

    @Test("every record of a type carries its type and schema version, shared or not")
    func headersPerType() {
        for type in EventType.allCases {
            for version in [1, 7] {
                let headers = EventIngestor.headers(for: type, schemaVersion: version)
                #expect(headers.value(forKey: EventTopics.Header.eventType) == type.rawValue)
                #expect(headers.value(forKey: EventTopics.Header.schemaVersion) == String(version))
            }
        }
    }
}
