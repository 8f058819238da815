import Foundation

/// A throwaway redis-server on a free port without persistence, for tests that stop and
/// restart Redis (never the shared one). Data does not survive a restart.
public final class TemporaryRedisServer: @unchecked Sendable {
    public let port: Int
    private let extraArguments: [String]
    // The running server's pid; guarded by `lock` since tests may call stop/start from any task.
    private var pid: pid_t?
    private let lock = NSLock()

    public var url: String { "redis://127.0.0.1:\(port)/0" }

    private init(port: Int, extraArguments: [String]) {
        self.port = port
        self.extraArguments = extraArguments
    }

    /// Starts a server; `extraArguments` are added to its command line (e.g. `--requirepass x`).
    public static func start(extraArguments: [String] = []) async throws -> TemporaryRedisServer {
        let server = TemporaryRedisServer(port: try LocalTCP.freePort(), extraArguments: extraArguments)
        try await server.start()
        return server
    }

    /// Starts the (stopped) server again on the same port and waits until it accepts connections.
    public func start() async throws {
        try await LocalProcess.offloaded {
            let pid = try LocalProcess.spawn(
                "/usr/bin/redis-server",
                ["--port", String(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--daemonize", "no", "--loglevel", "warning"] + self.extraArguments,
                output: "/dev/null")
            self.lock.withLock { self.pid = pid }
            let deadline = Date().addingTimeInterval(10)
            while !LocalTCP.isListening(self.port, by: pid) {
                guard Date() < deadline, waitpid(pid, nil, WNOHANG) == 0 else {
                    throw LocalProcess.Failed(command: "redis-server --port \(self.port)", status: -1, output: "did not start listening")
                }
                usleep(10_000)
            }
        }
    }

    /// Stops the server (SIGTERM) and waits for it to exit.
    public func stop() async throws {
        try await LocalProcess.offloaded {
            let pid = self.lock.withLock { () -> pid_t? in
                defer { self.pid = nil }
                return self.pid
            }
            guard let pid else { return }
            kill(pid, SIGTERM)
            LocalProcess.wait(pid)
        }
    }

    deinit {
        if let pid {
            kill(pid, SIGTERM)
            LocalProcess.wait(pid)
        }
    }
}
