import Hummingbird
import HummingbirdTesting
import Logging
import ServiceRuntime
import Testing

@Suite("bearer tokens on admin and ingest endpoints")
struct BearerTokenMiddlewareTests {
    func app(token: String?) -> some ApplicationProtocol {
        buildServiceApplication(ServiceDescription(name: "t", port: 0, dependencies: []), logger: Logger(label: "t")) { router in
            router.group("/admin").add(middleware: BearerTokenMiddleware(token: token)).post("/flush") { _, _ in "flushed" }
        }
    }

    @Test("no token configured: the endpoint is open")
    func open() async throws {
        try await app(token: nil).test(.router) { client in
            try await client.execute(uri: "/admin/flush", method: .post) { #expect($0.status == .ok) }
        }
    }

    @Test("token configured: missing or wrong is 401 with the error body, right is 200",
          arguments: [(nil as String?, HTTPResponse.Status.unauthorized), ("Bearer wrong-token", .unauthorized),
                      ("Basic c2VjcmV0LXRva2Vu", .unauthorized), ("Bearer secret-token-1", .unauthorized),
                      ("Bearer secret-token", .ok)])
    func protected(header: String?, expected: HTTPResponse.Status) async throws {
        try await app(token: "secret-token").test(.router) { client in
            var headers: HTTPFields = [:]
            if let header { headers[.authorization] = header }
            try await client.execute(uri: "/admin/flush", method: .post, headers: headers) { response in
                #expect(response.status == expected)
                if expected == .unauthorized {
                    #expect(String(buffer: response.body).contains("\"error\":\"unauthorized\""))
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                }
            }
        }
    }
}
