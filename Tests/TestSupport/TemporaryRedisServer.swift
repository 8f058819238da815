import Foundation

/// A throwaway redis-server on a free port without persistence, for tests that stop and
/// restart Redis (never the shared one). Data does not survive a restart.
public final class TemporaryRedisServer: @unchecked Sendable {
    public let port: Int
    private let extraArguments: [String]
    // The running process; guarded by `lock` since tests may call stop/start from any task.
    private var process: Process?
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
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-server")
            process.arguments = [
                "--port", String(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--loglevel", "warning",
            ] + self.extraArguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            self.lock.withLock { self.process = process }
            let deadline = Date().addingTimeInterval(10)
            while !LocalTCP.isOpen(self.port) {
                guard process.isRunning, Date() < deadline else {
                    throw LocalProcess.Failed(
                        command: "redis-server --port \(self.port)",
                        result: SubprocessResult(status: -1, stdout: "", stderr: "did not start listening"))
                }
                usleep(10_000)
            }
        }
    }

    /// Stops the server (SIGTERM) and waits for it to exit.
    public func stop() async throws {
        try await LocalProcess.offloaded {
            let process = self.lock.withLock { () -> Process? in
                defer { self.process = nil }
                return self.process
            }
            process?.terminate()
            process?.waitUntilExit()
        }
    }

    deinit {
        if let process, process.isRunning { process.terminate() }
    }
}
