import Foundation
import HTTPClient
import TestSupport
import Testing

/// The retry helper with an injected clock and recorded sleeps: deterministic and instant.
@Suite("Retry policy and the retrying helper", .integration)
struct RetryPolicyTests {
    /// Waits exactly the upper bound, so expected delays are exact.
    private func policy(attempts: Int = 5, base: Duration = .seconds(1), max: Duration = .seconds(10)) -> RetryPolicy {
        RetryPolicy(maxAttempts: attempts, baseDelay: base, maxDelay: max, jitter: { $0 })
    }

    private actor SleepLog {
        var delays: [Duration] = []
        func record(_ delay: Duration) { delays.append(delay) }
    }

    private static let fixedNow = Date(timeIntervalSince1970: 1_763_475_795)

    /// Runs `retrying` over scripted outcomes; returns the result, the attempts made and the recorded sleeps.
    private func run(
        _ policy: RetryPolicy, outcomes: [RetryOutcome]
    ) async -> (result: Result<HTTPResponse, any Error>, attempts: Int, sleeps: [Duration]) {
        let log = SleepLog()
        var attempts = 0
        let result: Result<HTTPResponse, any Error>
        do {
            let response = try await retrying(policy: policy, now: { Self.fixedNow }, sleep: { await log.record($0) }) {
                attempts += 1
                switch outcomes[min(attempts, outcomes.count) - 1] {
                case .response(let response): return response
                case .failure(let error): throw error
                }
            }
            result = .success(response)
        } catch {
            result = .failure(error)
        }
        return (result, attempts, await log.delays)
    }

    private static func status(_ code: Int, retryAfter: String? = nil) -> RetryOutcome {
        .response(HTTPResponse(status: code, headers: retryAfter.map { ["Retry-After": $0] } ?? [:]))
    }

    private static func failure(_ kind: HTTPClientError.Kind) -> RetryOutcome {
        .failure(HTTPClientError(kind: kind, method: .get, url: "http://x/", detail: "test"))
    }

    @Test func backoffDoublesUpToTheMaximum() {
        let policy = policy(base: .milliseconds(100), max: .milliseconds(700))
        #expect((1...6).map(policy.backoff(afterAttempt:)) == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(700), .milliseconds(700), .milliseconds(700)])
    }

    @Test func fullJitterStaysWithinTheBound() {
        let policy = RetryPolicy(baseDelay: .seconds(1), maxDelay: .seconds(4))
        for attempt in 1...50 {
            let delay = policy.backoff(afterAttempt: attempt)
            #expect(delay >= .zero && delay <= .seconds(4))
        }
        let draws = Set((0..<20).map { _ in policy.backoff(afterAttempt: 3) })
        #expect(draws.count > 1, "full jitter must vary")
    }

    @Test func retriesServerErrorsWithBackoffUntilSuccess() async throws {
        let run = await run(policy(), outcomes: [Self.status(500), Self.status(502), Self.status(200)])
        #expect(try run.result.get().status == 200)
        #expect(run.attempts == 3)
        #expect(run.sleeps == [.seconds(1), .seconds(2)])
    }

    @Test func retryAfterSecondsIsHonoured() async throws {
        let run = await run(policy(), outcomes: [Self.status(429, retryAfter: "7"), Self.status(200)])
        #expect(run.sleeps == [.seconds(7)])
    }

    @Test func retryAfterHTTPDateIsHonoured() async throws {
        // fixedNow is 2025-11-18T14:23:15Z; the server asks to wait until 30 s later.
        let run = await run(policy(max: .seconds(60)), outcomes: [Self.status(503, retryAfter: "Tue, 18 Nov 2025 14:23:45 GMT"), Self.status(200)])
        #expect(run.sleeps == [.seconds(30)])
    }

    @Test func retryAfterLongerThanTheMaximumEndsRetries() async throws {
        let run = await run(policy(max: .seconds(10)), outcomes: [Self.status(429, retryAfter: "3600"), Self.status(200)])
        #expect(try run.result.get().status == 429)
        #expect(run.attempts == 1)
        #expect(run.sleeps.isEmpty)
    }

    @Test func retryAfterOnOtherStatusesIsIgnored() async throws {
        let run = await run(policy(), outcomes: [Self.status(500, retryAfter: "9"), Self.status(200)])
        #expect(run.sleeps == [.seconds(1)])
    }

    @Test(arguments: [400, 401, 404, 501])
    func clientErrorsAreNotRetried(_ code: Int) async throws {
        let run = await run(policy(), outcomes: [Self.status(code), Self.status(200)])
        #expect(try run.result.get().status == code)
        #expect(run.attempts == 1)
    }

    @Test func exhaustedAttemptsReturnTheLastResponse() async throws {
        let run = await run(policy(attempts: 3), outcomes: [Self.status(503)])
        #expect(try run.result.get().status == 503)
        #expect(run.attempts == 3)
        #expect(run.sleeps.count == 2)
    }

    @Test(arguments: [HTTPClientError.Kind.connectionFailed, .timeout, .connectTimeout, .connectionLost, .dnsFailure])
    func transientErrorsAreRetried(_ kind: HTTPClientError.Kind) async throws {
        let run = await run(policy(), outcomes: [Self.failure(kind), Self.status(200)])
        #expect(try run.result.get().status == 200)
        #expect(run.attempts == 2)
    }

    @Test(arguments: [HTTPClientError.Kind.tls, .invalidURL, .responseTooLarge])
    func permanentErrorsAreThrownAtOnce(_ kind: HTTPClientError.Kind) async throws {
        let run = await run(policy(), outcomes: [Self.failure(kind), Self.status(200)])
        #expect((try? run.result.get()) == nil)
        #expect(run.attempts == 1)
    }

    @Test func customPredicate() async throws {
        var policy = policy()
        policy.shouldRetry = { outcome in
            if case .response(let response) = outcome { return response.status == 409 }
            return false
        }
        let run = await run(policy, outcomes: [Self.status(409), Self.status(500)])
        #expect(try run.result.get().status == 500)
        #expect(run.attempts == 2)
    }

    @Test func cancellationDuringAWaitStopsAtOnce() async throws {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: .seconds(30), maxDelay: .seconds(30), jitter: { $0 })
        let start = ContinuousClock.now
        let task = Task {
            try await retrying(policy: policy) { HTTPResponse(status: 503) }
        }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(ContinuousClock.now - start < .seconds(15), "the backoff would have waited 30 s")
    }

    @Test(arguments: [
        ("120", Duration.seconds(120)), (" 5 ", .seconds(5)), ("0", .zero),
        ("Tue, 18 Nov 2025 14:25:15 GMT", .seconds(120)), ("Tuesday, 18-Nov-25 14:25:15 GMT", .seconds(120)),
        ("Tue Nov 18 14:25:15 2025", .seconds(120)), ("Mon, 17 Nov 2025 00:00:00 GMT", .zero),
    ])
    func retryAfterParsing(_ value: String, _ expected: Duration) {
        #expect(RetryAfter.delay(from: value, now: Self.fixedNow) == expected)
    }

    @Test(arguments: ["soon", "-5", "1.5", ""])
    func unreadableRetryAfter(_ value: String) {
        #expect(RetryAfter.delay(from: value, now: Self.fixedNow) == nil)
    }
}
