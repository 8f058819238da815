import Foundation

/// Where integration tests find the servers that `deploy/stack test` started.
///
/// A missing variable is an error, never a skip: a suite that silently skips when its server
/// is absent would pass in CI with the feature missing.
public enum TestEnvironment {
    public struct Missing: Error, CustomStringConvertible {
        public let variable: String
        public var description: String {
            "\(variable) is not set: integration tests need the servers of the native stack. "
                + "Run them with `deploy/stack test`, or `eval \"$(deploy/stack env)\"` after `deploy/stack up`."
        }
    }

    /// The value of `name`, or a `Missing` error that says how to get it.
    public static func require(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw Missing(variable: name)
        }
        return value
    }

    /// The stack's Python interpreter (with pyarrow, duckdb, confluent-kafka) for cross-checks.
    public static func python() throws -> String { try require("STACK_PYTHON") }

    /// A name unique to this test run, for topics, tables and keys that must not collide.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)_\(UInt64(Date().timeIntervalSince1970 * 1000))_\(UInt32.random(in: 0...UInt32.max))"
    }
}
