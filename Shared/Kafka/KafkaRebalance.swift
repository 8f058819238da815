import Foundation

/// A pending revocation: the consumer's poll thread waits until `complete()` is called.
public final class KafkaRebalance: Sendable {
    private let done = DispatchSemaphore(value: 0)

    init() {}

    /// Lets the group proceed with the revocation. Calling it more than once is harmless.
    public func complete() { done.signal() }

    func wait() { done.wait() }
}
