import Foundation
import IngestAPI
import Hummingbird
import NIOCore
import ServiceRuntime

/// `POST /v1/events`: checks that are cheap come first (token, content type, declared size),
/// then the body is read up to the limit and handed to the ingestor.
struct IngestRoutes: Sendable {
    let ingestor: EventIngestor
    let limits: IngestLimits
    let retryAfterSeconds: Int

    static let acceptedContentTypes = ["application/json", "application/x-ndjson"]

    func add(to router: Router<BasicRequestContext>, token: String?) {
        router.group("/v1").add(middleware: BearerTokenMiddleware(token: token)).post("/events") { request, context in
            try await handle(request, context: context)
        }
    }

    func handle(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let contentType = request.headers[.contentType]
        let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let mediaType, Self.acceptedContentTypes.contains(mediaType) else {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type",
                           message: "Content-Type must be application/json (one event or an array) or application/x-ndjson; got \(contentType.map { "\"\($0)\"" } ?? "none").")
        }
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limits.maxBodyBytes {
            throw tooLarge()
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limits.maxBodyBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge()
        }
        let outcome: IngestOutcome
        do {
            outcome = try await ingestor.ingest(body: Array(buffer.readableBytesView), contentType: mediaType)
        } catch {
            context.logger.warning("request refused", metadata: ["reason": "\(error)"])
            throw error.apiError(retryAfterSeconds: retryAfterSeconds)
        }
        return Response.json(ByteBuffer(bytes: try outcome.jsonBytes()), status: outcome.accepted > 0 ? .accepted : .badRequest)
    }

    private func tooLarge() -> APIError {
        APIError(.contentTooLarge, code: "payload_too_large",
                 message: "The body is larger than the limit of \(limits.maxBodyBytes) bytes. Split it into smaller batches.")
    }
}
