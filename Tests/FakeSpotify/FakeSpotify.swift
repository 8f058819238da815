import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A fake Spotify (accounts service and Web API) on a real loopback port, for clients that
/// speak real HTTP (the poller uses libcurl). It serves Spotify's documented payloads, keeps
/// real token semantics (expiry, refresh, single-use codes, revocation) and injects faults on
/// demand: 429 with Retry-After, bursts of 5xx, expired tokens, invalid_grant, malformed
/// bodies, slow answers.
///
///     let spotify = try await FakeSpotify.start()
///     spotify.setPlayback(.track(.sample(1)))
///     spotify.inject(.serverError(status: 500), on: .currentlyPlaying, times: 3)
///     ...
///     await spotify.stop()
public final class FakeSpotify: Sendable {
    /// http://127.0.0.1:<port>: both SPOTIFY_API_BASE and SPOTIFY_ACCOUNTS_BASE.
    public let baseURL: String
    public let clientID: String
    public let clientSecret: String
    let state: FakeSpotifyState
    private let group: ServiceGroup
    private let server: Task<Void, any Error>

    private init(baseURL: String, state: FakeSpotifyState, group: ServiceGroup, server: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.clientID = state.clientID
        self.clientSecret = state.clientSecret
        self.state = state
        self.group = group
        self.server = server
    }

    public static func start(userID: String = "fake-listener", clientID: String = "fake-client-id",
                             clientSecret: String = "fake-client-secret") async throws -> FakeSpotify {
        let state = FakeSpotifyState(userID: userID, clientID: clientID, clientSecret: clientSecret)
        let router = Router()
        FakeAccountsRoutes(state: state).add(to: router)
        FakeAPIRoutes(state: state).add(to: router)
        var logger = Logger(label: "fake-spotify")
        logger.logLevel = .warning
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "fake-spotify"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let server = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            server.cancel()
            throw StartFailed()
        }
        return FakeSpotify(baseURL: "http://127.0.0.1:\(port)", state: state, group: group, server: server)
    }

    struct StartFailed: Error {}

    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await server.value
    }

    // MARK: What Spotify knows about the listener

    public var userID: String { state.withLock { $0.userID } }

    /// What currently-playing reports; nil answers 204 (nothing playing).
    public func setPlayback(_ playback: FakePlayback?) {
        state.withLock {
            $0.playback = playback
            $0.playbackTimestamp = Int64(Date().timeIntervalSince1970 * 1000)
        }
    }

    /// Adds plays to the history (any order; the fake keeps it sorted).
    public func addPlays(_ plays: [FakePlay]) {
        state.withLock { $0.plays = ($0.plays + plays).sorted { $0.playedAt > $1.playedAt } }
    }

    // MARK: Tokens

    /// Mints a token pair as if `poller auth` had run, for tests that start authorized.
    public func issueTokens(expiresIn: Int = 3600) -> (accessToken: String, refreshToken: String, expiresAt: Date) {
        state.withLock { state in
            let access = state.mint("access")
            let refresh = state.mint("refresh")
            let expiresAt = Date().addingTimeInterval(TimeInterval(expiresIn))
            state.accessTokens[access] = .init(expiresAt: expiresAt)
            state.refreshTokens[refresh] = "user-read-currently-playing user-read-recently-played"
            return (access, refresh, expiresAt)
        }
    }

    /// Every access token issued so far now answers 401 "The access token expired".
    public func expireAccessTokens() {
        state.withLock { state in
            for key in state.accessTokens.keys { state.accessTokens[key]?.expiresAt = .distantPast }
        }
    }

    /// Every refresh token issued so far now gets `invalid_grant` (revoked, or six months old).
    public func revokeRefreshTokens() {
        state.withLock { $0.revokedRefreshTokens.formUnion($0.refreshTokens.keys) }
    }

    /// Whether refreshes hand out a new refresh token (Spotify sometimes does, sometimes not).
    public func setRotatesRefreshTokens(_ rotate: Bool) { state.withLock { $0.rotateRefreshTokens = rotate } }

    /// Lifetime of newly issued access tokens.
    public func setAccessTokenLifetime(seconds: Int) { state.withLock { $0.accessTokenLifetime = seconds } }

    /// The user presses "Cancel" on the consent page: the redirect carries `error=access_denied`.
    public func setDeniesAuthorization(_ deny: Bool) { state.withLock { $0.denyAuthorization = deny } }

    public func isValidAccessToken(_ token: String) -> Bool {
        state.withLock { ($0.accessTokens[token]?.expiresAt ?? .distantPast) > Date() }
    }

    // MARK: Faults and observation

    /// Serves `fault` for the next `times` requests to `endpoint` (queued after earlier faults).
    public func inject(_ fault: FakeFault, on endpoint: FakeEndpoint, times: Int = 1) {
        state.withLock { $0.faults[endpoint, default: []].append(contentsOf: Array(repeating: fault, count: times)) }
    }

    public func clearFaults() { state.withLock { $0.faults = [:] } }

    /// Every request so far, oldest first.
    public var requests: [FakeRecordedRequest] { state.withLock { $0.requests } }

    public func requests(to endpoint: FakeEndpoint) -> [FakeRecordedRequest] { requests.filter { $0.endpoint == endpoint } }
}
