import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL 15 cluster on a free port, for tests that must stop and restart the
/// server (never the shared one). initdb and postgres refuse to run as root, so when the tests
/// run as root they run as the `postgres` OS user in a directory it owns. Trust auth, 127.0.0.1.
public final class TemporaryPostgresServer: Sendable {
    public static let binaries = "/usr/lib/postgresql/15/bin"

    public let port: Int
    public let directory: String
    private var dataDirectory: String { directory + "/data" }

    /// Connection URI of the `postgres` database as the `postgres` superuser.
    public var url: String { "postgresql://postgres@127.0.0.1:\(port)/postgres" }

    private init(port: Int, directory: String) {
        self.port = port
        self.directory = directory
    }

    /// Creates a cluster in a new temporary directory and starts it.
    public static func start() async throws -> TemporaryPostgresServer {
        try await LocalProcess.offloaded {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("pg-\(UUID().uuidString.prefix(8))").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if getuid() == 0 { try LocalProcess.check("/bin/chown", ["postgres:postgres", directory], log: "/dev/null") }
            let server = TemporaryPostgresServer(port: try LocalTCP.freePort(), directory: directory)
            try server.asServerUser("initdb", ["-D", server.dataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"])
            try server.startSync()
            return server
        }
    }

    /// Starts the (stopped) server again on the same port and data.
    public func start() async throws {
        try await LocalProcess.offloaded { try self.startSync() }
    }

    /// Stops the server (fast shutdown: sessions are terminated), waiting until it is down.
    public func stop() async throws {
        try await LocalProcess.offloaded {
            try self.asServerUser("pg_ctl", ["-D", self.dataDirectory, "-m", "fast", "-w", "stop"])
        }
    }

    /// Stops the server if it runs and deletes its directory.
    public func remove() async {
        _ = try? await LocalProcess.offloaded {
            try? self.asServerUser("pg_ctl", ["-D", self.dataDirectory, "-m", "immediate", "-w", "stop"])
            try FileManager.default.removeItem(atPath: self.directory)
        }
    }

    private func startSync() throws {
        let options = "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=16MB"
        try asServerUser("pg_ctl", ["-D", dataDirectory, "-l", directory + "/server.log", "-w", "-t", "30", "-o", options, "start"])
    }

    private func asServerUser(_ tool: String, _ arguments: [String]) throws {
        let executable = Self.binaries + "/" + tool
        let log = directory + "/tools.log"
        if getuid() == 0 {
            try LocalProcess.check("/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments, log: log)
        } else {
            try LocalProcess.check(executable, arguments, log: log)
        }
    }
}
