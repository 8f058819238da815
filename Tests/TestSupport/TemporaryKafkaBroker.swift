import Foundation

/// A throwaway Tansu broker (memory storage) on a free port, for tests that pause, stop and
/// restart the broker — never the shared one. Its topics do not survive a restart.
public final class TemporaryKafkaBroker: @unchecked Sendable {
    public let port: Int
    private let binary: String
    private var pid: pid_t?
    private let lock = NSLock()

    public var brokers: String { "127.0.0.1:\(port)" }

    private init(port: Int, binary: String) {
        self.port = port
        self.binary = binary
    }

    /// Starts a broker; the binary comes from `STACK_TANSU` (set by `deploy/stack`).
    public static func start() async throws -> TemporaryKafkaBroker {
        let broker = TemporaryKafkaBroker(port: try LocalTCP.freePort(), binary: try TestEnvironment.require("STACK_TANSU"))
        try await broker.start()
        return broker
    }

    /// Starts the (stopped) broker again on the same port and waits until it accepts connections.
    public func start() async throws {
        try await LocalProcess.offloaded {
            let url = "tcp://127.0.0.1:\(self.port)"
            let pid = try LocalProcess.spawn(
                self.binary, ["broker", "--listener-url", url, "--advertised-listener-url", url, "--storage-engine", "memory://tansu/"],
                output: "/dev/null")
            self.lock.withLock { self.pid = pid }
            let deadline = Date().addingTimeInterval(10)
            // Its own listening socket, not just an open port: another server on the same port
            // would answer in its place and never be paused or stopped by this broker's signals.
            while !LocalTCP.isListening(self.port, by: pid) {
                guard Date() < deadline, waitpid(pid, nil, WNOHANG) == 0 else {
                    throw LocalProcess.Failed(command: "tansu broker on \(url)", status: -1,
                                              output: LocalTCP.isOpen(self.port) ? "another process holds the port" : "did not start listening")
                }
                usleep(10_000)
            }
        }
    }

    /// Freezes the broker (SIGSTOP): connections stay open but nothing answers, like a hung host.
    /// Returns once every broker thread has stopped (see `ProcessFreeze`).
    public func pause() throws {
        if let pid = lock.withLock({ pid }) { try ProcessFreeze.freeze(pid) }
    }

    /// Thaws a paused broker (SIGCONT).
    public func resume() {
        if let pid = lock.withLock({ pid }) { ProcessFreeze.thaw(pid) }
    }

    /// Kills the broker and waits for it to exit.
    public func stop() async throws {
        try await LocalProcess.offloaded {
            let pid = self.lock.withLock { () -> pid_t? in
                defer { self.pid = nil }
                return self.pid
            }
            guard let pid else { return }
            kill(pid, SIGCONT)
            kill(pid, SIGKILL)
            _ = LocalProcess.wait(pid)
        }
    }

    deinit {
        if let pid {
            kill(pid, SIGCONT)
            kill(pid, SIGKILL)
            _ = LocalProcess.wait(pid)
        }
    }
}
