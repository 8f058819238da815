import Foundation

/// The reply to `POST /v1/events` (docs/CONTRACT.md): how many events were accepted and why the others
/// were not, one entry per rejected event.
struct IngestOutcome: Codable, Sendable, Equatable {
    struct Rejection: Codable, Sendable, Equatable {
        /// Position of the event in the request (0-based; for NDJSON, the n-th non-blank line).
        var index: Int
        var eventID: String?
        var field: String
        var message: String

        enum CodingKeys: String, CodingKey {
            case index, eventID = "event_id", field, message
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(index, forKey: .index)
            try container.encode(eventID, forKey: .eventID)  // explicit null, as the OpenAPI document says
            try container.encode(field, forKey: .field)
            try container.encode(message, forKey: .message)
        }
    }

    var accepted: Int
    var rejected: Int
    var errors: [Rejection]
}

extension IngestOutcome {
    /// The reply's JSON, keys sorted. Without rejections it is written directly: a Foundation
    /// `JSONEncoder` per request was 3.6 % of the service's CPU for single-event requests.
    func jsonBytes() throws -> [UInt8] {
        if errors.isEmpty {
            return Array(#"{"accepted":\#(accepted),"errors":[],"rejected":\#(rejected)}"#.utf8)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Array(try encoder.encode(self))
    }
}
