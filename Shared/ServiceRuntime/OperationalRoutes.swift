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
            let failures = outcomes.filter { $0.failure != nil && $0.required }
            let degraded = outcomes.filter { $0.failure != nil && !$0.required }
            var checks: [String: String] = [:]
            for outcome in outcomes {
                checks[outcome.name] = outcome.failure.map { outcome.required ? $0 : "degraded: \($0)" } ?? "ok"
            }
            let status = !failures.isEmpty ? "not_ready" : degraded.isEmpty ? "ready" : "degraded"
            let body: [String: Any] = ["status": status, "service": service, "checks": checks]
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
        return Response.json(ByteBuffer(bytes: data), status: status)
    }
}
