import FakeSpotify
import Foundation
import HTTPClient
import TestSupport
import Testing

/// The built `poller` executable as an operator meets it: `poller auth` in a terminal, the
/// service idling without an account, a clean stop on SIGTERM, no secret in its output.
@Suite("poller executable", .serialized, .timeLimit(.minutes(1)), .integration)
struct PollerProcessTests {
    static var executable: String {
        get throws { try BuiltExecutable.path("poller") }
    }

    /// Starts the executable with output to a file (a pipe nobody drains could block it).
    func launch(_ arguments: [String], environment: [String: String], output: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.executable)
        process.arguments = arguments
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    func waitForExit(_ process: Process, within limit: Duration) async throws {
        let start = ContinuousClock.now
        while process.isRunning && ContinuousClock.now - start < limit { try await Task.sleep(for: .milliseconds(50)) }
    }

    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("poller-process-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("`poller auth` in a terminal: prints the URL, refuses a wrong state, stores the token (0600), exits 0, prints no token")
    func authCommand() async throws {
        let spotify = try await FakeSpotify.start()
        let dir = try folder()
        let callback = "http://127.0.0.1:\(try await FreePort.pick())/callback"
        let log = dir + "/auth.log"
        let process = try launch(["auth", "--timeout", "30"], environment: [
            "SPOTIFY_CLIENT_ID": spotify.clientID, "SPOTIFY_CLIENT_SECRET": spotify.clientSecret,
            "SPOTIFY_ACCOUNTS_BASE": spotify.baseURL, "SPOTIFY_REDIRECT_URI": callback, "SPOTIFY_TOKEN_FILE": dir + "/token.json",
        ], output: log)
        defer { if process.isRunning { process.terminate() } }
        var authorizeURL: String?
        let start = ContinuousClock.now
        while authorizeURL == nil && ContinuousClock.now - start < .seconds(15) {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            authorizeURL = text.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix(spotify.baseURL + "/authorize?") }.map(String.init)
            if authorizeURL == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let url = try #require(authorizeURL, "no authorize URL printed: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
        let browser = HTTPClient()
        let location = try #require(try await browser.execute(HTTPRequest(url: url)).headers["Location"])
        let code = try #require(QueryParameters(location)["code"])
        #expect(try await browser.execute(HTTPRequest(url: "\(callback)?code=\(code)&state=forged")).status == 400)
        #expect(try await browser.execute(HTTPRequest(url: location)).status == 200)
        try await waitForExit(process, within: .seconds(10))
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/token.json")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let token = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/token.json"))) as? [String: Any]
        let access = try #require(token?["access_token"] as? String)
        let refresh = try #require(token?["refresh_token"] as? String)
        #expect(spotify.isValidAccessToken(access))
        #expect(token?["expires_at"] is String && token?["scope"] is String)
        let output = try String(contentsOfFile: log, encoding: .utf8)
        #expect(output.contains("Connected."))
        #expect(!output.contains(access) && !output.contains(refresh) && !output.contains(spotify.clientSecret))
        await spotify.stop()
    }

    @Test("the service without an account: /ready 200, /status not_authorized; SIGTERM exits 0 within 10 s")
    func idleServiceAndShutdown() async throws {
        let dir = try folder()
        let port = try await FreePort.pick()
        let log = dir + "/poller.log"
        let process = try launch(["run"], environment: [
            "PORT": String(port), "INGEST_URL": try TestEnvironment.require("INGEST_URL"), "SPOTIFY_TOKEN_FILE": dir + "/token.json",
            "SPOTIFY_CLIENT_SECRET": "client-secret-value",
        ], output: log)
        defer { if process.isRunning { process.terminate() } }
        let client = HTTPClient()
        var ready: HTTPResponse?
        let start = ContinuousClock.now
        while ready?.status != 200 && ContinuousClock.now - start < .seconds(15) {
            ready = try? await client.execute(HTTPRequest(url: "http://127.0.0.1:\(port)/ready"))
            if ready?.status != 200 { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(ready?.status == 200, "ready: \(ready?.bodyText ?? "no answer")")
        let status = try await client.execute(HTTPRequest(url: "http://127.0.0.1:\(port)/status"))
        #expect(status.bodyText.contains(#""auth_state":"not_authorized""#))
        process.terminate()
        try await waitForExit(process, within: .seconds(10))
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
        let output = try String(contentsOfFile: log, encoding: .utf8)
        #expect(output.contains(#""service":"poller""#))
        #expect(!output.contains("client-secret-value"))
    }
}
