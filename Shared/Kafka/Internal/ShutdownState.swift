import Foundation

/// A flag set once, read from any thread.
final class ShutdownState: @unchecked Sendable {
    private let lock = NSLock()
    private var shutDown = false

    var isShutDown: Bool {
        lock.lock()
        defer { lock.unlock() }
        return shutDown
    }

    /// Returns true for the caller that performed the transition.
    func markShutDown() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if shutDown { return false }
        shutDown = true
        return true
    }
}
