import Foundation
import Logging

/// Temporary credentials, fetched when first asked for and fetched again `refreshBefore` their
/// expiry (5 minutes, as the AWS SDKs do), by one fetch however many requests ask at once.
///
/// A failed refresh while the credentials in hand are still valid is logged and retried at the
/// next request; the credentials keep working until they expire. After that, requests fail with
/// the fetch's error (a transient `LakeError`: storage callers retry, `/ready` reports it).
public actor RefreshingCredentialProvider: AWSCredentialProvider {
    public typealias Fetch = @Sendable () async throws -> AWSCredentials

    private let fetch: Fetch
    private let refreshBefore: Duration
    private let source: String
    private let logger: Logger
    private let now: @Sendable () -> Date
    private var current: AWSCredentials?
    private var inFlight: Task<AWSCredentials, any Error>?
    /// After a failed refresh, valid credentials are handed out for this long before the next try,
    /// so a source that is down is not asked at the rate of requests.
    private let retryAfterFailure: TimeInterval = 10
    private var lastFailure: Date?
    /// How many fetches have completed (tests check that expiry, and only expiry, causes one).
    public private(set) var fetches = 0

    public init(source: String, refreshBefore: Duration = .seconds(300), logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() }, fetch: @escaping Fetch) {
        self.now = now
        self.source = source
        self.refreshBefore = refreshBefore
        self.logger = logger
        self.fetch = fetch
    }

    public func credentials() async throws -> AWSCredentials {
        let now = self.now()
        if let current, !needsRefresh(current, now: now) { return current }
        if let current, let lastFailure, now.timeIntervalSince(lastFailure) < retryAfterFailure, isValid(current, now: now) {
            return current
        }
        let task: Task<AWSCredentials, any Error>
        if let inFlight {
            task = inFlight
        } else {
            task = Task { [fetch] in try await fetch() }
            inFlight = task
        }
        do {
            let fresh = try await task.value
            if inFlight == task {
                inFlight = nil
                lastFailure = nil
                current = fresh
                fetches += 1
                logger.info("AWS credentials fetched", metadata: [
                    "source": "\(source)", "expires": "\(fresh.expiration.map { "\($0)" } ?? "never")"])
            }
            return fresh
        } catch {
            if inFlight == task {
                inFlight = nil
                lastFailure = self.now()
            }
            if let current, isValid(current, now: self.now()) {
                logger.warning("refreshing AWS credentials failed; the current ones are still valid", metadata: [
                    "source": "\(source)", "error": "\(error)"])
                return current
            }
            throw error
        }
    }

    private func isValid(_ credentials: AWSCredentials, now: Date) -> Bool {
        credentials.expiration.map { $0 > now } ?? true
    }

    private func needsRefresh(_ credentials: AWSCredentials, now: Date) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        let window = Double(refreshBefore.components.seconds) + Double(refreshBefore.components.attoseconds) / 1e18
        return expiration.timeIntervalSince(now) <= window
    }
}
