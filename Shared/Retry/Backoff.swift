/// A pause that doubles after each failure, from `initial` up to `maximum`: the backoff of every
/// "until it works" loop in the services (topics at start-up, lake writes, dead letters,
/// migrations, waiting for a topic, files locked by another loader).
///
/// HTTP requests retry differently, a bounded number of times with jitter and `Retry-After`
/// (`HTTPClient`'s `RetryPolicy`): their callers give up and report; these loops never give up.
public struct Backoff: Sendable, Equatable {
    public let initial: Duration
    public let maximum: Duration
    /// The pause `next()` hands out now.
    public private(set) var current: Duration

    public init(initial: Duration, maximum: Duration) {
        precondition(initial > .zero && maximum >= initial, "a backoff needs 0 < initial <= maximum")
        self.initial = initial
        self.maximum = maximum
        self.current = initial
    }

    /// The pause before the next attempt; the one after it is twice as long, up to `maximum`.
    public mutating func next() -> Duration {
        defer { current = min(current * 2, maximum) }
        return current
    }

    /// Back to `initial`, after a success.
    public mutating func reset() {
        current = initial
    }
}
