import Foundation
import Logging

/// Runs `operation` until it succeeds, `policy` says the outcome is not worth repeating, or the
/// attempts run out; returns the last response or throws the last error.
///
/// Waits follow `policy.backoff`, except that a 429 or 503 with `Retry-After` waits as asked.
/// Cancellation stops at once (during a wait too) with `CancellationError`.
///
/// - Parameters:
///   - now: the clock for HTTP-date `Retry-After` values; `sleep` performs the waits. Both are
///     injectable so tests need not wait for real.
public func retrying(
    policy: RetryPolicy,
    logger: Logger? = nil,
    now: @Sendable () -> Date = { Date() },
    sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
    isolation: isolated (any Actor)? = #isolation,
    operation: () async throws -> HTTPResponse
) async throws -> HTTPResponse {
    var attempt = 1
    while true {
        try Task.checkCancellation()
        let outcome: RetryOutcome
        do {
            outcome = .response(try await operation())
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            outcome = .failure(error)
        }
        guard attempt < policy.maxAttempts, policy.shouldRetry(outcome) else { return try outcome.get() }

        var delay = policy.backoff(afterAttempt: attempt)
        if case .response(let response) = outcome, response.status == 429 || response.status == 503,
            let requested = RetryAfter.delay(from: response.headers["Retry-After"], now: now())
        {
            guard requested <= policy.maxDelay else {
                logger?.debug("Retry-After exceeds the policy's maximum delay; not retrying", metadata: ["retry_after": "\(requested)"])
                return response
            }
            delay = requested
        }
        logger?.debug("retrying", metadata: ["attempt": "\(attempt)", "delay": "\(delay)", "outcome": "\(outcome.summary)"])
        try await sleep(delay)
        attempt += 1
    }
}

extension RetryOutcome {
    fileprivate var summary: String {
        switch self {
        case .response(let response): "HTTP \(response.status)"
        case .failure(let error): "\(error)"
        }
    }
}
