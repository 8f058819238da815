import Foundation
import Logging

/// Hands out valid access tokens: loads the token file (again when `poller auth` rewrites
/// it), refreshes shortly before expiry or once after a 401, and stops asking Spotify after
/// `invalid_grant` until the file changes, so a revoked grant is a state, not a crash loop.
actor SpotifyAuthorization {
    struct Unavailable: Error, CustomStringConvertible {
        let state: AuthorizationState
        var description: String {
            state == .notAuthorized ? "no Spotify account is connected (run `poller auth`)" : "Spotify needs a new authorization (run `poller auth`)"
        }
    }

    private let store: TokenStore
    private let accounts: SpotifyAccounts
    private let refreshMargin: TimeInterval
    private let logger: Logger
    private let onRefreshFailure: @Sendable () -> Void

    private(set) var state: AuthorizationState = .notAuthorized
    /// Why reauthorization is required, for `/ready` and logs.
    private(set) var problem: String?
    private var token: SpotifyToken?
    private var loadedVersion: Date?
    private var loadedOnce = false
    private var refreshing: Task<SpotifyToken, any Error>?

    init(store: TokenStore, accounts: SpotifyAccounts, refreshMargin: TimeInterval = 60, logger: Logger,
         onRefreshFailure: @escaping @Sendable () -> Void = {}) {
        self.store = store
        self.accounts = accounts
        self.refreshMargin = refreshMargin
        self.logger = logger
        self.onRefreshFailure = onRefreshFailure
    }

    /// The current state, after noticing a new or removed token file.
    func currentState() -> AuthorizationState {
        reloadIfChanged()
        return state
    }

    /// A token valid for at least the refresh margin.
    func accessToken() async throws -> String {
        reloadIfChanged()
        guard state == .authorized, let token else { throw Unavailable(state: state) }
        if token.expires(within: refreshMargin) { return try await refresh(from: token).accessToken }
        return token.accessToken
    }

    /// Spotify answered 401 to `rejected`: refresh once, unless another request already did.
    func accessToken(afterRejectionOf rejected: String) async throws -> String {
        reloadIfChanged()
        guard state == .authorized, let token else { throw Unavailable(state: state) }
        if token.accessToken != rejected { return token.accessToken }
        return try await refresh(from: token).accessToken
    }

    /// One refresh at a time; concurrent callers share its result.
    private func refresh(from token: SpotifyToken) async throws -> SpotifyToken {
        if let refreshing { return try await refreshing.value }
        let task = Task { try await accounts.refresh(token) }
        refreshing = task
        defer { refreshing = nil }
        do {
            let fresh = try await task.value
            self.token = fresh
            do {
                try store.save(fresh)
                loadedVersion = store.modificationDate()
            } catch {
                // The new token still works in memory; the next start refreshes again.
                logger.error("cannot store the refreshed Spotify token", metadata: ["path": "\(store.path)", "error": "\(error)"])
            }
            logger.info("refreshed the Spotify access token", metadata: ["expires_at": "\(fresh.expiresAt)"])
            return fresh
        } catch let error as SpotifyAuthError {
            onRefreshFailure()
            switch error {
            case .invalidGrant, .missingClientCredentials:
                state = .reauthorizationRequired
                problem = "\(error)"
                logger.error("Spotify authorization lost: \(error). Run `poller auth` to connect the account again; polling waits until then.")
            case .refused, .malformedResponse:
                logger.warning("refreshing the Spotify access token failed; will retry", metadata: ["error": "\(error)"])
            }
            throw error
        } catch {
            onRefreshFailure()
            logger.warning("refreshing the Spotify access token failed; will retry", metadata: ["error": "\(error)"])
            throw error
        }
    }

    private func reloadIfChanged() {
        let version = store.modificationDate()
        guard !loadedOnce || version != loadedVersion else { return }
        loadedOnce = true
        loadedVersion = version
        do {
            token = try store.load()
            state = token == nil ? .notAuthorized : .authorized
            problem = nil
            if token != nil { logger.info("loaded the Spotify token file", metadata: ["path": "\(store.path)"]) }
        } catch {
            token = nil
            state = .reauthorizationRequired
            problem = "\(error)"
            logger.error("\(error)")
        }
    }
}
