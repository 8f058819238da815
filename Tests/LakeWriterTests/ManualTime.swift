import Synchronization

/// A clock the test moves by hand, so the engine's idle and age rules are checked without
/// sleeping (and without failing when a loaded machine oversleeps).
final class ManualTime: Sendable {
    private let current = Mutex(ContinuousClock.now)

    var now: ContinuousClock.Instant { current.withLock { $0 } }

    func advance(by duration: Duration) {
        current.withLock { $0 += duration }
    }
}
