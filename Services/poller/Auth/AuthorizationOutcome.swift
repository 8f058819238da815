import Foundation

/// The one result of an authorization flow, delivered from the callback route to the waiting
/// command; later callbacks and a late timeout are ignored.
final class AuthorizationOutcome: @unchecked Sendable {
    typealias Value = Result<SpotifyToken, any Error>

    private let lock = NSLock()
    private var result: Value?
    private var waiter: CheckedContinuation<Value, Never>?

    func finish(_ value: Value) {
        let waiting: CheckedContinuation<Value, Never>? = lock.withLock {
            guard result == nil else { return nil }
            result = value
            defer { waiter = nil }
            return waiter
        }
        waiting?.resume(returning: value)
    }

    func wait(timeout: Duration) async -> Value {
        let timer = Task {
            try await Task.sleep(for: timeout)
            finish(.failure(AuthorizationFlow.Failure.timedOut))
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            let ready: Value? = lock.withLock {
                if let result { return result }
                waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
