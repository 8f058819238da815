/// `retryUntilSuccess` for the loops that give up only when their task is cancelled (a graceful
/// shutdown): topics at start-up, waiting for a topic, bronze migrations. `onFailure` logs; the
/// attempt is not started once the task is cancelled, and a pause in progress ends at once.
/// Returns nil when cancelled before an attempt succeeded.
public func retryUntilCancelled<Value>(
    _ backoff: Backoff,
    isolation: isolated (any Actor)? = #isolation,
    onFailure: (_ error: any Error, _ pause: Duration) -> Void,
    _ attempt: () async throws -> Value
) async -> Value? {
    await retryUntilSuccess(backoff, onFailure: { error, pause in
        guard !Task.isCancelled else { return false }
        onFailure(error, pause)
        return true
    }) {
        try Task.checkCancellation()
        return try await attempt()
    }
}
