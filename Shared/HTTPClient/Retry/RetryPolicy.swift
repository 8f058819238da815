/// When and how long to wait before trying a request again: exponential backoff with full
/// jitter (a uniformly random wait between zero and the exponential bound, which spreads
/// clients that failed together), bounded attempts and delay, and the server's `Retry-After`.
public struct RetryPolicy: Sendable {
    /// Attempts in total, the first included (1 = never retry).
    public var maxAttempts: Int
    /// The bound of the first wait; it doubles per attempt up to `maxDelay`.
    public var baseDelay: Duration
    /// The longest wait. A `Retry-After` asking for longer ends the retries: waiting less would
    /// only earn another refusal, so the caller gets the response instead.
    public var maxDelay: Duration
    /// Whether an attempt's outcome is worth repeating.
    public var shouldRetry: @Sendable (RetryOutcome) -> Bool
    /// Picks the wait from its upper bound; replaceable to make tests deterministic.
    public var jitter: @Sendable (Duration) -> Duration

    public init(
        maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(30),
        shouldRetry: @escaping @Sendable (RetryOutcome) -> Bool = RetryPolicy.isTransient,
        jitter: @escaping @Sendable (Duration) -> Duration = RetryPolicy.fullJitter
    ) {
        precondition(maxAttempts >= 1, "maxAttempts counts the first attempt, so it is at least 1")
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.shouldRetry = shouldRetry
        self.jitter = jitter
    }

    /// The wait after failed attempt number `attempt` (1-based), before any `Retry-After`.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        var bound = baseDelay
        for _ in 1..<max(attempt, 1) where bound < maxDelay { bound *= 2 }
        return jitter(min(bound, maxDelay))
    }

    /// Connection problems, timeouts, 408, 429 and 5xx other than 501/505 (which will not change).
    /// DNS failures count too: in a compose stack a service's name resolves only once it runs.
    @Sendable public static func isTransient(_ outcome: RetryOutcome) -> Bool {
        switch outcome {
        case .response(let response):
            return response.status == 408 || response.status == 429
                || ((500...599).contains(response.status) && response.status != 501 && response.status != 505)
        case .failure(let error as HTTPClientError):
            switch error.kind {
            case .dnsFailure, .connectionFailed, .connectTimeout, .timeout, .connectionLost: return true
            case .tls, .responseTooLarge, .invalidURL, .other: return false
            }
        case .failure:
            return false
        }
    }

    @Sendable public static func fullJitter(_ bound: Duration) -> Duration {
        bound * Double.random(in: 0...1)
    }

    /// Never retries.
    public static let none = RetryPolicy(maxAttempts: 1)
}
