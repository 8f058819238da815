import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Stops a child started with Foundation's `Process` without `Process.waitUntilExit`, which spins
/// the calling thread's run loop and was seen never to return: with two tests' servers stopping
/// at once, both threads of Swift's cooperative pool spun there and the whole test run stalled.
/// Here: SIGTERM, up to `grace` for the child to exit, SIGKILL, then waitpid for that pid.
/// Whoever reaps the child first (this, or Foundation's own monitor), the call returns.
public enum ChildProcess {
    public static func stop(_ process: Process, grace: TimeInterval = 0) {
        let pid = process.processIdentifier
        guard pid > 0 else { return }
        kill(pid, SIGCONT)
        if grace > 0 {
            kill(pid, SIGTERM)
            let deadline = Date().addingTimeInterval(grace)
            while Date() < deadline {
                let reaped = waitpid(pid, nil, WNOHANG)
                if reaped == pid || (reaped == -1 && errno == ECHILD) { return }
                usleep(20_000)
            }
        }
        kill(pid, SIGKILL)
        while waitpid(pid, nil, 0) == -1 && errno == EINTR {}
    }
}
