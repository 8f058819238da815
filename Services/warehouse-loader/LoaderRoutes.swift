import Foundation
import Hummingbird
import ServiceRuntime

/// `POST /load` (Airflow's trigger, admin token), `GET /status` and `GET /openapi.json`.
struct LoaderRoutes: Sendable {
    let loader: WarehouseLoader

    struct LoadRequest: Decodable {
        var retryFailed: Bool?

        enum CodingKeys: String, CodingKey { case retryFailed = "retry_failed" }
    }

    func add(to router: Router<BasicRequestContext>, token: String?) {
        router.group().add(middleware: BearerTokenMiddleware(token: token)).post("/load") { request, context in
            try await load(request, context: context)
        }
        router.get("/status") { _, _ in
            try Self.json(await loader.status())
        }
        router.get("/openapi.json") { _, _ in
            Response.json(document: WarehouseLoaderOpenAPI.document)
        }
    }

    func load(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        var retryFailed = false
        if body.readableBytes > 0 {
            do {
                retryFailed = try JSONDecoder().decode(LoadRequest.self, from: Data(body.readableBytesView)).retryFailed ?? false
            } catch {
                throw APIError.badRequest("invalid_body", "The body must be empty or a JSON object such as {\"retry_failed\": true}.")
            }
        }
        do {
            return try Self.json(try await loader.loadNew(retryFailed: retryFailed))
        } catch {
            context.logger.warning("load request failed", metadata: ["error": "\(error)"])
            throw APIError.unavailable("load_failed", "The load could not run: \(error). Files not loaded stay pending.", retryAfterSeconds: 10)
        }
    }

    static func json(_ value: some Encodable) throws -> Response {
        Response.json(ByteBuffer(bytes: try LoaderJSON.encode(value)))
    }
}
