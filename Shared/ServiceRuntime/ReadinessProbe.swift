import Metrics

/// Runs dependency checks concurrently, each bounded by a timeout, so a hung dependency makes
/// `/ready` answer "not ready" quickly instead of hanging the probe.
public struct ReadinessProbe: Sendable {
    public struct Outcome: Sendable {
        public let name: String
        /// nil when the dependency answered; otherwise what went wrong.
        public let failure: String?
        /// false for an optional dependency: its failure degrades, it does not make the service unready.
        public var required: Bool = true
    }

    public let checks: [DependencyCheck]
    public let timeout: Duration

    public init(checks: [DependencyCheck], timeout: Duration = .seconds(2)) {
        self.checks = checks
        self.timeout = timeout
    }

    public func run() async -> [Outcome] {
        let outcomes = await withTaskGroup(of: Outcome.self) { group in
            for check in checks {
                group.addTask { await Self.run(check, timeout: timeout) }
            }
            var outcomes: [Outcome] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes.sorted { $0.name < $1.name }
        }
        for outcome in outcomes {
            Gauge(label: "service_dependency_up", dimensions: [("dependency", outcome.name)])
                .record(outcome.failure == nil ? 1 : 0)
        }
        return outcomes
    }

    /// Races the check against the timeout with unstructured tasks: a task group would wait
    /// for a check stuck in a blocking call, which is exactly the case the timeout is for.
    private static func run(_ check: DependencyCheck, timeout: Duration) async -> Outcome {
        let gate = FirstResult<Outcome>()
        return await withCheckedContinuation { continuation in
            gate.install(continuation)
            let work = Task {
                do {
                    try await check.check()
                    gate.offer(Outcome(name: check.name, failure: nil, required: check.required))
                } catch {
                    gate.offer(Outcome(name: check.name, failure: "\(error)", required: check.required))
                }
            }
            Task {
                try? await Task.sleep(for: timeout)
                if gate.offer(Outcome(name: check.name, failure: "no answer within \(timeout)", required: check.required)) { work.cancel() }
            }
        }
    }
}
