import Foundation
import HTTPClient
import Hummingbird
import Logging
import ServiceLifecycle

/// The authorization-code flow: an authorize URL with a random `state`, a one-route HTTP server
/// on the redirect URI's host and port for the browser's return, the code exchanged at the
/// token endpoint, the token file written. A callback with the wrong state is refused and the
/// flow keeps waiting (it may be a forged request, not the user's browser).
struct AuthorizationFlow: Sendable {
    enum Failure: Error, CustomStringConvertible {
        case missingClientCredentials
        case unusableRedirectURI(String)
        case cannotListen(String)
        case denied(String)
        case timedOut

        var description: String {
            switch self {
            case .missingClientCredentials: "SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET must be set (from the Spotify app's dashboard)"
            case .unusableRedirectURI(let uri): "SPOTIFY_REDIRECT_URI \(uri) needs an explicit host and port this machine can listen on"
            case .cannotListen(let address): "cannot listen on \(address) for the redirect (port in use, or not an address of this machine)"
            case .denied(let reason): "Spotify did not grant access: \(reason)"
            case .timedOut: "no answer from the browser in time; run `poller auth` again"
            }
        }
    }

    let configuration: PollerConfiguration
    let accounts: SpotifyAccounts
    let store: TokenStore
    let host: String
    let port: Int
    let callbackPath: String
    let state: String
    let logger: Logger

    init(configuration: PollerConfiguration, logger: Logger, state: String = AuthorizationFlow.randomState()) throws {
        guard configuration.clientID != nil, configuration.clientSecret != nil else { throw Failure.missingClientCredentials }
        guard let components = URLComponents(string: configuration.redirectURI), let host = components.host, let port = components.port else {
            throw Failure.unusableRedirectURI(configuration.redirectURI)
        }
        self.configuration = configuration
        self.accounts = SpotifyAccounts(
            client: HTTPClient(logger: logger), accountsBase: configuration.spotifyAccountsBase, clientID: configuration.clientID,
            clientSecret: configuration.clientSecret, retryPolicy: configuration.retryPolicy, logger: logger
        )
        self.store = TokenStore(path: configuration.tokenFile)
        self.host = host
        self.port = port
        self.callbackPath = components.path.isEmpty ? "/" : components.path
        self.state = state
        self.logger = logger
    }

    /// 128 random bits as hex.
    static func randomState() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(generator.next() as UInt32, radix: 16) }.joined(separator: "-")
    }

    var authorizeURL: String { accounts.authorizeURL(redirectURI: configuration.redirectURI, state: state) }

    /// Shows the authorize URL through `present`, waits for the callback, stores and returns the token.
    func run(timeout: Duration, present: @Sendable (String) -> Void) async throws -> SpotifyToken {
        let outcome = AuthorizationOutcome()
        let router = Router()
        router.get(RouterPath(callbackPath)) { request, _ -> Response in
            try await handleCallback(request, outcome: outcome)
        }
        // The URL is shown only once the callback can be received: a fast browser must not find the port closed.
        let (started, startedContinuation) = AsyncStream.makeStream(of: Bool.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "poller-auth"),
            onServerRunning: { _ in startedContinuation.yield(true) }, logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let server = Task {
            defer { startedContinuation.yield(false) }
            try await group.run()
        }
        defer { server.cancel() }
        var events = started.makeAsyncIterator()
        guard await events.next() == true else {
            throw Failure.cannotListen("\(host):\(port)")
        }
        present(authorizeURL)
        let result = await outcome.wait(timeout: timeout)
        await group.triggerGracefulShutdown()
        _ = try? await server.value
        return try result.get()
    }

    private func handleCallback(_ request: Request, outcome: AuthorizationOutcome) async throws -> Response {
        let query = request.uri.queryParameters
        guard query["state"].map(String.init) == state else {
            logger.warning("refused an authorization callback with a wrong state")
            return Self.page(.badRequest, "This authorization response does not belong to the running `poller auth` (state mismatch). Nothing was stored.")
        }
        if let error = query["error"] {
            outcome.finish(.failure(Failure.denied(String(error))))
            return Self.page(.ok, "Spotify did not grant access (\(error)). You can close this window.")
        }
        guard let code = query["code"].map(String.init), !code.isEmpty else {
            return Self.page(.badRequest, "The callback carries no authorization code.")
        }
        do {
            let token = try await accounts.exchange(code: code, redirectURI: configuration.redirectURI)
            try store.save(token)
            outcome.finish(.success(token))
            return Self.page(.ok, "The poller is connected to Spotify. You can close this window.")
        } catch {
            outcome.finish(.failure(error))
            return Self.page(.badGateway, "Exchanging the code failed: \(error)")
        }
    }

    private static func page(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
