import Foundation
import Hummingbird

extension Response {
    /// The content type of every JSON reply of the platform.
    public static let jsonContentType = "application/json; charset=utf-8"

    /// A JSON reply of bytes already encoded (a cached payload, an OpenAPI document).
    public static func json(_ body: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: jsonContentType], body: .init(byteBuffer: body))
    }

    /// A JSON reply of a document held as text (the services' `/openapi.json`).
    public static func json(document: String, status: HTTPResponse.Status = .ok) -> Response {
        json(ByteBuffer(string: document), status: status)
    }

    /// `value` encoded as the JSON reply, by `encoder` or, without one, with sorted keys (so that
    /// a reply is byte-identical for equal values: diffable, cacheable, testable).
    public static func json(encoding value: some Encodable, status: HTTPResponse.Status = .ok, encoder: JSONEncoder? = nil) throws -> Response {
        let encoder = encoder ?? {
            let sorted = JSONEncoder()
            sorted.outputFormatting = .sortedKeys
            return sorted
        }()
        return json(ByteBuffer(bytes: try encoder.encode(value)), status: status)
    }
}
