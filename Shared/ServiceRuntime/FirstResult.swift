import Foundation

/// Resumes a continuation with the first value offered; later offers are ignored.
final class FirstResult<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, Never>?
    private var early: Value?
    private var done = false

    func install(_ continuation: CheckedContinuation<Value, Never>) {
        lock.lock()
        if let early {
            lock.unlock()
            continuation.resume(returning: early)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    /// Returns true when this offer was the first.
    @discardableResult
    func offer(_ value: Value) -> Bool {
        lock.lock()
        guard !done else {
            lock.unlock()
            return false
        }
        done = true
        guard let continuation else {
            early = value
            lock.unlock()
            return true
        }
        self.continuation = nil
        lock.unlock()
        continuation.resume(returning: value)
        return true
    }
}
