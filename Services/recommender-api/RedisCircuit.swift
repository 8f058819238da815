import Synchronization

/// Remembers that Redis just failed, so that for `pause` requests skip it and go straight to
/// PostgreSQL instead of each waiting for a timeout. After the pause one attempt is let
/// through again; its success closes the circuit (and the cache refills from then on).
final class RedisCircuit: Sendable {
    private let pause: Duration
    private let openUntil = Mutex<ContinuousClock.Instant?>(nil)

    init(pause: Duration = .seconds(1)) {
        self.pause = pause
    }

    /// Whether Redis should be tried now.
    var allowsAttempt: Bool {
        openUntil.withLock { until in
            guard let deadline = until else { return true }
            return ContinuousClock.now >= deadline
        }
    }

    /// Whether the last attempt succeeded.
    var isClosed: Bool { openUntil.withLock { $0 == nil } }

    func succeeded() {
        openUntil.withLock { $0 = nil }
    }

    func failed() {
        let deadline = ContinuousClock.now + pause
        openUntil.withLock { $0 = deadline }
    }
}
