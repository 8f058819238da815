import Foundation
import Hummingbird
import ServiceRuntime

/// `POST /flush` (admin token), `GET /status` and `GET /openapi.json`.
struct LakeWriterRoutes: Sendable {
    let engine: LakeWriterEngine

    func add(to router: Router<BasicRequestContext>, adminToken: String?) {
        router.group("/flush").add(middleware: BearerTokenMiddleware(token: adminToken)).post { _, _ in
            try Self.json(FlushResult(files: await engine.flushAll()))
        }
        router.get("/status") { _, _ in
            try Self.json(await engine.status())
        }
        router.get("/openapi.json") { _, _ in
            Response.json(document: LakeWriterOpenAPI.document)
        }
    }

    static func json(_ value: some Encodable) throws -> Response {
        try Response.json(encoding: value)
    }
}
