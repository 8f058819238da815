import Foundation
import HTTPClient
import TestSupport
import Testing

/// Each test gets its own server process (tests run in parallel) and client.
@Suite("HTTPClient against a local HTTP server", .integration)
final class HTTPClientTests {
    let server: TestHTTPServer
    let client = HTTPClient()

    init() async throws {
        server = try await TestHTTPServer.start()
    }

    private struct Echo: Decodable {
        let method: String
        let body: String
        let headers: [[String]]

        func header(_ name: String) -> String? {
            headers.first { $0[0].lowercased() == name.lowercased() }?[1]
        }
    }

    private func echo(_ response: HTTPResponse) throws -> Echo {
        try JSONDecoder().decode(Echo.self, from: Data(response.body))
    }

    @Test func getReturnsStatusHeadersAndBody() async throws {
        let response = try await client.execute(HTTPRequest(url: server.url("/echo"), headers: ["X-Trace-Id": "abc"]))
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        #expect(response.headers["CONTENT-TYPE"] == "application/json")
        let echo = try echo(response)
        #expect(echo.method == "GET")
        #expect(echo.header("x-trace-id") == "abc")
    }

    @Test func postSendsTheBodyExactlyWithoutImplicitHeaders() async throws {
        let body = Array("{\"name\": \"Café 🎵\"}\n".utf8)
        let response = try await client.execute(HTTPRequest(method: .post, url: server.url("/echo"), body: body))
        let echo = try echo(response)
        #expect(echo.method == "POST")
        #expect(Array(echo.body.utf8) == body)
        #expect(echo.header("Content-Type") == nil)
        #expect(echo.header("Expect") == nil)
    }

    @Test(arguments: [HTTPMethod.put, .patch, .delete, .options])
    func anyMethodWithABody(_ method: HTTPMethod) async throws {
        let request = HTTPRequest(method: method, url: server.url("/echo"), headers: ["Content-Type": "text/plain"], body: Array("payload".utf8))
        let echo = try echo(try await client.execute(request))
        #expect(echo.method == method.rawValue)
        #expect(echo.body == "payload")
        #expect(echo.header("content-type") == "text/plain")
    }

    @Test func emptyBodyIsSentWithZeroLength() async throws {
        let echo = try echo(try await client.execute(HTTPRequest(method: .put, url: server.url("/echo"), body: [])))
        #expect(echo.method == "PUT")
        #expect(echo.header("Content-Length") == "0")
    }

    @Test func headHasNoBody() async throws {
        let response = try await client.execute(HTTPRequest(method: .head, url: server.url("/big/100")))
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(response.headers["content-length"] == "100")
    }

    @Test(arguments: [204, 404, 500, 503])
    func errorStatusesAreResponsesNotErrors(_ status: Int) async throws {
        let response = try await client.execute(HTTPRequest(url: server.url("/status/\(status)")))
        #expect(response.status == status)
    }

    @Test func repeatedHeadersAreAllKept() async throws {
        let response = try await client.execute(HTTPRequest(url: server.url("/headers")))
        #expect(response.headers["x-custom-header"] == "one")
        #expect(response.headers.values(for: "set-cookie") == ["a=1", "b=2"])
    }

    @Test func bigBodyWithinTheLimit() async throws {
        let response = try await client.execute(HTTPRequest(url: server.url("/big/5000000")))
        #expect(response.body.count == 5_000_000)
    }

    @Test(arguments: ["/big/5000", "/big-unsized/300000"])
    func bodyOverTheLimitIsAnError(_ path: String) async throws {
        let small = HTTPClient(configuration: .init(maxResponseBytes: 1000))
        await #expect {
            _ = try await small.execute(HTTPRequest(url: server.url(path)))
        } throws: { error in
            (error as? HTTPClientError)?.kind == .responseTooLarge
        }
    }

    @Test func totalTimeout() async throws {
        let start = ContinuousClock.now
        let url = server.url("/slow/30000")
        await #expect {
            _ = try await client.execute(HTTPRequest(url: url), timeout: HTTPTimeout(connect: .seconds(2), total: .milliseconds(300)))
        } throws: { error in
            guard let error = error as? HTTPClientError else { return false }
            return error.kind == .timeout && error.url == url && error.description.contains(url)
        }
        #expect(ContinuousClock.now - start < .seconds(15), "the server answers only after 30 s")
    }

    @Test func connectionRefusedFailsQuicklyNamingTheURL() async throws {
        let start = ContinuousClock.now
        let url = "http://127.0.0.1:1/events"
        await #expect {
            _ = try await client.execute(HTTPRequest(url: url))
        } throws: { error in
            guard let error = error as? HTTPClientError else { return false }
            return error.kind == .connectionFailed && error.description.hasPrefix("GET \(url): could not connect")
        }
        // A refusal is immediate; the bound only separates that from waiting out the 10 s connect timeout.
        #expect(ContinuousClock.now - start < .seconds(8))
    }

    @Test func unresolvableHostIsADNSFailure() async throws {
        await #expect {
            _ = try await client.execute(HTTPRequest(url: "http://no-such-host.invalid/"), timeout: HTTPTimeout(connect: .seconds(5)))
        } throws: { error in
            (error as? HTTPClientError)?.kind == .dnsFailure
        }
    }

    @Test func malformedURL() async throws {
        await #expect {
            _ = try await client.execute(HTTPRequest(url: "nope://x"))
        } throws: { error in
            (error as? HTTPClientError)?.kind == .invalidURL
        }
    }

    @Test func cancellationAbortsTheTransfer() async throws {
        let url = server.url("/slow/30000")
        let client = client
        let start = ContinuousClock.now
        let task = Task { try await client.execute(HTTPRequest(url: url)) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(ContinuousClock.now - start < .seconds(15), "the server answers only after 30 s")
    }

    @Test func concurrentRequestsBeyondThePoolSizeAllComplete() async throws {
        let client = HTTPClient(configuration: .init(maxConcurrentRequests: 3))
        let url = server.url("/slow/50")
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 { group.addTask { try await client.execute(HTTPRequest(url: url)).status } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 20))
    }

    @Test func retryingRecoversFromA503WithRetryAfter() async throws {
        let url = server.url("/flaky/\(UUID().uuidString)/2")
        var attempts = 0
        let response = try await retrying(policy: RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(10))) {
            attempts += 1
            return try await client.execute(HTTPRequest(url: url))
        }
        #expect(response.status == 200)
        #expect(response.bodyText == "ok after 3")
        #expect(attempts == 3)
    }

    @Test func retryingGivesUpOnConnectionErrorsAfterMaxAttempts() async throws {
        var attempts = 0
        await #expect(throws: HTTPClientError.self) {
            _ = try await retrying(policy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(5))) {
                attempts += 1
                return try await client.execute(HTTPRequest(url: "http://127.0.0.1:1/"))
            }
        }
        #expect(attempts == 3)
    }
}
