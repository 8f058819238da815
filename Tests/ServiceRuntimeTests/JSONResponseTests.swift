import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceRuntime
import Testing

/// The one way services answer JSON: content type, sorted keys by default, an encoder when a
/// reply needs another spelling, the status given.
@Suite("JSON replies")
struct JSONResponseTests {
    struct Reply: Encodable {
        let zebra = 1
        let apple = "a/b"
        let camelCase = true
    }

    @Test("encoded values, bytes and documents are application/json with the status asked for")
    func replies() async throws {
        let router = Router()
        router.get("/sorted") { _, _ in try Response.json(encoding: Reply()) }
        router.get("/snake") { _, _ in
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return try Response.json(encoding: Reply(), status: .accepted, encoder: encoder)
        }
        router.get("/bytes") { _, _ in Response.json(ByteBuffer(string: #"{"cached":true}"#), status: .badRequest) }
        router.get("/document") { _, _ in Response.json(document: #"{"openapi":"3.1.0"}"#) }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/sorted", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(String(buffer: response.body) == #"{"apple":"a\/b","camelCase":true,"zebra":1}"#)
            }
            try await client.execute(uri: "/snake", method: .get) { response in
                #expect(response.status == .accepted)
                #expect(String(buffer: response.body) == #"{"apple":"a/b","camel_case":true,"zebra":1}"#)
            }
            try await client.execute(uri: "/bytes", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == Response.jsonContentType)
                #expect(String(buffer: response.body) == #"{"cached":true}"#)
            }
            try await client.execute(uri: "/document", method: .get) { response in
                #expect(String(buffer: response.body) == #"{"openapi":"3.1.0"}"#)
            }
        }
    }
}
