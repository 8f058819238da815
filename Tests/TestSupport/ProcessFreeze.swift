import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Freezes and thaws a process for tests of hung dependencies.
///
/// `kill(pid, SIGSTOP)` returns as soon as the signal is queued. The kernel then stops the
/// process's threads one by one, each as it next runs, so for a moment some threads of a
/// multi-threaded server (Tansu, Redis, moto) can still answer a request. On a loaded machine
/// that moment was long enough for the broker to accept one more produce, and a test that expects
/// "frozen" saw a 202. `freeze` therefore waits until every thread in `/proc/<pid>/task` is
/// in state `T` (stopped).
public enum ProcessFreeze {
    public struct NotStopped: Error, CustomStringConvertible {
        public let pid: pid_t
        public var description: String { "process \(pid) was sent SIGSTOP but not every thread stopped within 5 s" }
    }

    /// Sends SIGSTOP and returns once every thread of `pid` is stopped.
    public static func freeze(_ pid: pid_t, timeout: TimeInterval = 5) throws {
        kill(pid, SIGSTOP)
        let deadline = Date().addingTimeInterval(timeout)
        while !allThreadsStopped(pid) {
            guard Date() < deadline else { throw NotStopped(pid: pid) }
            usleep(2_000)
        }
    }

    /// Sends SIGCONT.
    public static func thaw(_ pid: pid_t) {
        kill(pid, SIGCONT)
    }

    /// True when every thread of `pid` is in state `T` (or the process has gone: nothing runs).
    public static func allThreadsStopped(_ pid: pid_t) -> Bool {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task") else { return true }
        return tasks.allSatisfy { task in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return true }
            // The state follows the command name, which is in parentheses and may itself hold spaces.
            let state = stat[stat.index(after: close)...].drop { $0 == " " }.first
            return state == "T" || state == "t" || state == "Z" || state == "X"
        }
    }
}
