/// Runs `attempt` until it returns, pausing with `backoff` after each error.
///
/// `onFailure` sees each error and the pause about to be taken, and says whether to go on: it is
/// where a caller logs, counts, and decides to give up (a shutdown deadline, `Task.isCancelled`).
/// Giving up returns nil. A cancelled task's pause ends at once, so a caller that stops on
/// cancellation stops promptly; one that does not (a final flush) keeps its own deadline.
/// The closures run in the caller's isolation, so an actor's loop may touch its own state.
public func retryUntilSuccess<Value>(
    _ backoff: Backoff,
    isolation: isolated (any Actor)? = #isolation,
    onFailure: (_ error: any Error, _ pause: Duration) -> Bool,
    _ attempt: () async throws -> Value
) async -> Value? {
    var backoff = backoff
    while true {
        do {
            return try await attempt()
        } catch {
            let pause = backoff.next()
            guard onFailure(error, pause) else { return nil }
            try? await Task.sleep(for: pause)
        }
    }
}
