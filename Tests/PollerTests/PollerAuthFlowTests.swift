import FakeSpotify
import Foundation
import HTTPClient
import Testing

@testable import Poller

/// `poller auth` end to end against the fake accounts service; the test plays the browser.
@Suite("poller auth (authorization-code flow)", .serialized, .timeLimit(.minutes(1)))
struct PollerAuthFlowTests {
    let browser = HTTPClient()

    /// Starts the flow and returns it with the URL it presents to the user.
    func start(_ harness: PollerHarness) async throws -> (AuthorizationFlow, String, Task<SpotifyToken, any Error>) {
        let flow = try AuthorizationFlow(configuration: harness.configuration, logger: PollerHarness.logger)
        let (urls, continuation) = AsyncStream.makeStream(of: String.self)
        let running = Task { try await flow.run(timeout: .seconds(20)) { continuation.yield($0) } }
        var iterator = urls.makeAsyncIterator()
        let url = try #require(await iterator.next())
        return (flow, url, running)
    }

    func harness(_ spotify: FakeSpotify) async throws -> (PollerHarness, String) {
        let callback = "http://127.0.0.1:\(try await FreePort.pick())/callback"
        return (try PollerHarness(spotify: spotify, ingestURL: "http://127.0.0.1:1", extra: ["SPOTIFY_REDIRECT_URI": callback]), callback)
    }

    @Test("authorize URL with scopes and state; a forged callback (wrong state) is refused; the real one stores the token with mode 0600")
    func fullFlow() async throws {
        let spotify = try await FakeSpotify.start()
        let (harness, callback) = try await harness(spotify)
        let (flow, url, running) = try await start(harness)

        let query = QueryParameters(url)
        #expect(url.hasPrefix(spotify.baseURL + "/authorize?"))
        #expect(query["client_id"] == spotify.clientID)
        #expect(query["response_type"] == "code")
        #expect(query["redirect_uri"] == callback)
        #expect(query["scope"] == "user-read-currently-playing user-read-recently-played")
        #expect(query["state"] == flow.state)
        #expect((query["state"]?.count ?? 0) >= 16)

        // The user approves: Spotify redirects the browser back with code and state.
        let consent = try await browser.execute(HTTPRequest(url: url))
        #expect(consent.status == 302)
        let location = try #require(consent.headers["Location"])
        #expect(location.hasPrefix(callback + "?"))
        let code = try #require(QueryParameters(location)["code"])

        // Someone else's page sends the browser back with the same code but another state.
        let forged = try await browser.execute(HTTPRequest(url: "\(callback)?code=\(code)&state=not-the-state"))
        #expect(forged.status == 400)
        #expect(forged.bodyText.contains("state"))
        #expect(!FileManager.default.fileExists(atPath: harness.tokenFile))
        #expect(spotify.requests(to: .token).isEmpty)

        let back = try await browser.execute(HTTPRequest(url: location))
        #expect(back.status == 200)
        let token = try await running.value
        #expect(spotify.isValidAccessToken(token.accessToken))
        #expect(token.scope == "user-read-currently-playing user-read-recently-played")
        #expect(token.expiresAt > Date().addingTimeInterval(3000))
        #expect(try harness.storedToken() == token)
        #expect(try harness.fileMode(harness.tokenFile) == 0o600)
        let exchange = try #require(spotify.requests(to: .token).first)
        #expect(exchange.status == 200)
        // Secrets stay out of the file's neighbours: only the token file and nothing temporary.
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.folder) == ["spotify-token.json"])

        // The service picks the file up: authorized, and its calls succeed.
        #expect(await harness.parts.authorization.currentState() == .authorized)
        #expect(try await harness.parts.api.currentUserID() == spotify.userID)
        await spotify.stop()
    }

    @Test("the user denies access: the flow ends with a clear error and writes nothing")
    func denied() async throws {
        let spotify = try await FakeSpotify.start()
        spotify.setDeniesAuthorization(true)
        let (harness, _) = try await harness(spotify)
        let (_, url, running) = try await start(harness)
        let consent = try await browser.execute(HTTPRequest(url: url))
        let location = try #require(consent.headers["Location"])
        #expect(QueryParameters(location)["error"] == "access_denied")
        _ = try await browser.execute(HTTPRequest(url: location))
        await #expect(throws: AuthorizationFlow.Failure.self) { try await running.value }
        #expect(!FileManager.default.fileExists(atPath: harness.tokenFile))
        await spotify.stop()
    }

    @Test("without client credentials `poller auth` refuses to start")
    func missingCredentials() async throws {
        let spotify = try await FakeSpotify.start()
        let harness = try PollerHarness(spotify: spotify, ingestURL: "http://127.0.0.1:1", extra: ["SPOTIFY_CLIENT_SECRET": ""])
        #expect(throws: AuthorizationFlow.Failure.self) { try AuthorizationFlow(configuration: harness.configuration, logger: PollerHarness.logger) }
        await spotify.stop()
    }
}
