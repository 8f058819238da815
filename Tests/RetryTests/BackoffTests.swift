import Retry
import Synchronization
import Testing

@Suite("backoff and retrying until success")
struct BackoffTests {
    @Test("the pause doubles from initial up to maximum, and reset starts again")
    func doubling() {
        var backoff = Backoff(initial: .milliseconds(250), maximum: .seconds(2))
        #expect((0..<6).map { _ in backoff.next() } == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(2), .seconds(2)])
        backoff.reset()
        #expect(backoff.next() == .milliseconds(250))
    }

    @Test("errors are retried with the growing pause until the attempt succeeds")
    func retriesUntilSuccess() async {
        var attempts = 0
        var pauses: [Duration] = []
        let value = await retryUntilSuccess(Backoff(initial: .milliseconds(1), maximum: .milliseconds(4)), onFailure: { _, pause in
            pauses.append(pause)
            return true
        }) { () throws -> Int in
            attempts += 1
            if attempts < 5 { throw Failure(attempt: attempts) }
            return 42
        }
        #expect(value == 42)
        #expect(attempts == 5)
        #expect(pauses == [.milliseconds(1), .milliseconds(2), .milliseconds(4), .milliseconds(4)])
    }

    @Test("onFailure sees each error and can give up, which returns nil without another attempt")
    func givesUp() async {
        var attempts = 0
        var seen: [Int] = []
        let value: Int? = await retryUntilSuccess(Backoff(initial: .milliseconds(1), maximum: .milliseconds(1)), onFailure: { error, _ in
            seen.append((error as? Failure)?.attempt ?? -1)
            return seen.count < 3
        }) {
            attempts += 1
            throw Failure(attempt: attempts)
        }
        #expect(value == nil)
        #expect(attempts == 3)
        #expect(seen == [1, 2, 3])
    }

    @Test("a cancelled task does not wait out its pause")
    func cancellationEndsThePause() async {
        let clock = ContinuousClock()
        let started = clock.now
        let task = Task {
            await retryUntilSuccess(Backoff(initial: .seconds(60), maximum: .seconds(60)), onFailure: { _, _ in !Task.isCancelled }) { () throws -> Int in
                throw Failure(attempt: 0)
            }
        }
        try? await Task.sleep(for: .milliseconds(100))
        task.cancel()
        #expect(await task.value == nil)
        #expect(clock.now - started < .seconds(30))
    }

    @Test("until cancelled: failures are retried and reported, and success returns the value")
    func untilCancelledRetries() async {
        var attempts = 0
        var reported = 0
        let value = await retryUntilCancelled(Backoff(initial: .milliseconds(1), maximum: .milliseconds(2)), onFailure: { _, _ in reported += 1 }) { () throws -> Int in
            attempts += 1
            if attempts < 3 { throw Failure(attempt: attempts) }
            return 7
        }
        #expect(value == 7)
        #expect(attempts == 3)
        #expect(reported == 2)
    }

    @Test("until cancelled: cancellation ends the pause and no further attempt starts")
    func untilCancelledStops() async {
        let attempts = Atomic<Int>(0)
        let started = ContinuousClock.now
        let task = Task {
            await retryUntilCancelled(Backoff(initial: .seconds(60), maximum: .seconds(60)), onFailure: { _, _ in }) { () throws -> Int in
                attempts.add(1, ordering: .relaxed)
                throw Failure(attempt: 0)
            }
        }
        try? await Task.sleep(for: .milliseconds(100))
        task.cancel()
        #expect(await task.value == nil)
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(attempts.load(ordering: .relaxed) == 1)
    }

    @Test("until cancelled: an already cancelled task makes no attempt")
    func untilCancelledNoAttempt() async {
        let attempts = Atomic<Int>(0)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await retryUntilCancelled(Backoff(initial: .milliseconds(1), maximum: .milliseconds(1)), onFailure: { _, _ in }) { () throws -> Int in
                attempts.add(1, ordering: .relaxed)
                return 1
            }
        }
        #expect(await task.value == nil)
        #expect(attempts.load(ordering: .relaxed) == 0)
    }

    struct Failure: Error { let attempt: Int }
}
