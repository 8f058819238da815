import Hummingbird

/// Gives every error the same body shape, including Hummingbird's own (unknown route, body
/// too large), and turns unexpected errors into a logged 500 without leaking internals.
public struct ErrorBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw APIError(error.status, code: Self.code(for: error.status), message: error.body ?? Self.message(for: error.status, request: request), headers: error.headers)
        } catch let error as HTTPResponseError {
            throw APIError(error.status, code: Self.code(for: error.status), message: Self.message(for: error.status, request: request))
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            throw APIError(.internalServerError, code: "internal_error", message: "The server could not complete the request; the error has been logged.")
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: return "not_found"
        case .methodNotAllowed: return "method_not_allowed"
        case .contentTooLarge: return "payload_too_large"
        case .unsupportedMediaType: return "unsupported_media_type"
        case .unauthorized: return "unauthorized"
        case .badRequest: return "bad_request"
        default: return status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
        }
    }

    static func message(for status: HTTPResponse.Status, request: Request) -> String {
        switch status {
        case .notFound: return "No route matches \(request.method) \(request.uri.path)."
        case .contentTooLarge: return "The request body is larger than this endpoint accepts."
        default: return "\(status.reasonPhrase)."
        }
    }
}
