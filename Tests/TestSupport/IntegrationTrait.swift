import Foundation
import Testing

extension Trait where Self == ConditionTrait {
    /// Marks a suite of an `…IntegrationTests` target: it needs the servers and tools that
    /// `deploy/stack` installs and starts. On a plain checkout (no stack variables) the suite is
    /// skipped with a note saying how to run it, so `swift test` passes there with the unit
    /// suites alone. With the stack's variables set (`deploy/stack test`, or
    /// `eval "$(deploy/stack env)"`) it runs, and a missing server is a failure, never a skip;
    /// `deploy/stack test` also fails a phase in which any test was skipped.
    public static var integration: Self {
        .enabled(if: TestEnvironment.stackIsConfigured,
                 "needs the native stack: run `deploy/stack test`, or `eval \"$(deploy/stack env)\"` after `deploy/stack up`")
    }
}

extension TestEnvironment {
    /// Whether this process sees a stack's variables (`STACK_DIR` is exported with them).
    public static var stackIsConfigured: Bool {
        !(ProcessInfo.processInfo.environment["STACK_DIR"] ?? "").isEmpty
    }
}
