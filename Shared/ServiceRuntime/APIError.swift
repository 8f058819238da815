import Foundation
import Hummingbird

/// An error answered as docs/CONTRACT.md's error body: `{"error": "<code>", "message": "<sentence>"}`.
public struct APIError: HTTPResponseError, CustomStringConvertible {
    public let status: HTTPResponse.Status
    /// A stable, machine-readable code such as `invalid_limit`.
    public let code: String
    /// A sentence a person can act on: what was wrong and where.
    public let message: String
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = Response.jsonContentType
        var body = "{\"error\":"
        body.appendJSONString(code)
        body += ",\"message\":"
        body.appendJSONString(message)
        body += "}"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    public static func badRequest(_ code: String, _ message: String) -> APIError { APIError(.badRequest, code: code, message: message) }
    public static func notFound(_ code: String, _ message: String) -> APIError { APIError(.notFound, code: code, message: message) }
    public static func unavailable(_ code: String, _ message: String, retryAfterSeconds: Int) -> APIError {
        APIError(.serviceUnavailable, code: code, message: message, headers: [.retryAfter: String(retryAfterSeconds)])
    }
}
