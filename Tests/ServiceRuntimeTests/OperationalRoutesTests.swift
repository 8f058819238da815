import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceRuntime
import Testing

/// The routes every service shares, driven through the router without a socket.
@Suite("health, ready and metrics")
struct OperationalRoutesTests {
    struct Down: Error, CustomStringConvertible {
        var description: String { "connection refused by 127.0.0.1:1" }
    }

    func app(_ checks: [DependencyCheck], routes: (Router<BasicRequestContext>) -> Void = { _ in }) -> some ApplicationProtocol {
        buildServiceApplication(ServiceDescription(name: "test-service", port: 0, dependencies: checks), logger: Logger(label: "test"), routes: routes)
    }

    @Test("/health answers 200 whatever the dependencies say")
    func health() async throws {
        try await app([DependencyCheck("db") { throw Down() }]).test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"status\":\"ok\""))
            }
        }
    }

    @Test("/ready is 200 when every dependency answers, 503 naming the one that does not")
    func ready() async throws {
        try await app([DependencyCheck("kafka") {}, DependencyCheck("postgres") {}]).test(.router) { client in
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
        try await app([DependencyCheck("kafka") {}, DependencyCheck("postgres") { throw Down() }]).test(.router) { client in
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! [String: Any]
                let checks = body["checks"] as! [String: String]
                #expect(checks["kafka"] == "ok")
                #expect(checks["postgres"] == "connection refused by 127.0.0.1:1")
                #expect(body["status"] as? String == "not_ready")
            }
        }
    }

    @Test("an optional dependency that fails degrades /ready (200, named, in words) and shows in /metrics")
    func optionalDependency() async throws {
        let checks = [DependencyCheck("postgres") {}, DependencyCheck("session-cache", required: false) { throw Down() }]
        try await app(checks).test(.router) { client in
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! [String: Any]
                let checks = body["checks"] as! [String: String]
                #expect(body["status"] as? String == "degraded")
                #expect(checks["postgres"] == "ok")
                #expect(checks["session-cache"] == "degraded: connection refused by 127.0.0.1:1")
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(String(buffer: response.body).contains(#"service_dependency_up{dependency="session-cache"} 0"#))
            }
        }
        try await app([DependencyCheck("postgres") { throw Down() }, DependencyCheck("redis", required: false) {}]).test(.router) { client in
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
            }
        }
    }

    @Test("a dependency that hangs makes /ready fail within the probe timeout, not hang")
    func hangingDependency() async throws {
        // A check that ignores cancellation, like a blocking C call would.
        let hang = DependencyCheck("stuck") {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().asyncAfter(deadline: .now() + 120) { continuation.resume() }
            }
        }
        try await app([hang]).test(.router) { client in
            let start = ContinuousClock.now
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("no answer within"))
            }
            // The check hangs for 120 s; the 2 s probe timeout must answer long before (the bound
            // leaves room for a machine whose cores are busy with other suites).
            #expect(ContinuousClock.now - start < .seconds(30))
        }
    }

    @Test("/metrics is Prometheus text with the dependency gauge and request metrics")
    func metrics() async throws {
        try await app([DependencyCheck("redis") { throw Down() }]).test(.router) { client in
            try await client.execute(uri: "/ready", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                let text = String(buffer: response.body)
                #expect(text.contains("service_dependency_up{dependency=\"redis\"} 0"))
                #expect(text.contains("# TYPE http_server_request_duration histogram"))
            }
        }
    }

    @Test("an unknown route gets the JSON error body with a message naming it")
    func unknownRoute() async throws {
        try await app([]).test(.router) { client in
            try await client.execute(uri: "/no/such/thing", method: .get) { response in
                #expect(response.status == .notFound)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! [String: String]
                #expect(body["error"] == "not_found")
                #expect(body["message"]?.contains("/no/such/thing") == true)
            }
        }
    }

    @Test("an unexpected error is a 500 with the error body and no internals")
    func unexpectedError() async throws {
        struct Secret: Error {}
        try await app([]) { router in
            router.get("/boom") { _, _ -> String in throw Secret() }
        }.test(.router) { client in
            try await client.execute(uri: "/boom", method: .get) { response in
                #expect(response.status == .internalServerError)
                let text = String(buffer: response.body)
                #expect(text.contains("\"error\":\"internal_error\""))
                #expect(!text.contains("Secret"))
            }
        }
    }
}
