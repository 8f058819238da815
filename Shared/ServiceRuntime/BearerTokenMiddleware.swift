import Hummingbird

/// Requires `Authorization: Bearer <token>` when a token is configured; open when it is not.
public struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    private let expected: [UInt8]?

    public init(token: String?) {
        expected = token.map { Array($0.utf8) }
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let expected else { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw APIError(.unauthorized, code: "unauthorized", message: "This endpoint needs an Authorization: Bearer <token> header.",
                           headers: [.wwwAuthenticate: "Bearer"])
        }
        guard Self.constantTimeEquals(Array(header.utf8.dropFirst("Bearer ".count)), expected) else {
            throw APIError(.unauthorized, code: "unauthorized", message: "The bearer token is not valid.", headers: [.wwwAuthenticate: "Bearer"])
        }
        return try await next(request, context)
    }

    /// Compares without an early exit, so response time does not reveal how much of a guess matched.
    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<b.count {
            difference |= (index < a.count ? a[index] : 0) ^ b[index]
        }
        return difference == 0
    }
}
