import Foundation
import Hummingbird

/// `GET /health`, `GET /ready` and `GET /metrics`, the same on every service.
enum OperationalRoutes {
    static func add<Context: RequestContext>(to router: Router<Context>, service: String, readiness: ReadinessProbe) {
        router.get("/health") { _, _ in
            jsonResponse(.ok, ["status": "ok", "service": service])
        }
        router.get("/ready") { _, _ in
            let outcomes = await readiness.run()
            let failures = outcomes.filter { $0.failure != nil }
            var checks: [String: String] = [:]
            for outcome in outcomes { checks[outcome.name] = outcome.failure ?? "ok" }
            let body: [String: Any] = ["status": failures.isEmpty ? "ready" : "not_ready", "service": service, "checks": checks]
            return jsonResponse(failures.isEmpty ? .ok : .serviceUnavailable, body)
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: ServiceMetrics.exposition()))
            )
        }
    }

    static func jsonResponse(_ status: HTTPResponse.Status, _ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
