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
            if getuid() == 0 { try LocalProcess.check("/bin/chown", ["postgres:postgres", directory]) }
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
            _ = try self.asServerUser("pg_ctl", ["-D", self.dataDirectory, "-m", "fast", "-w", "stop"])
        }
    }

    /// Stops the server if it runs and deletes its directory.
    public func remove() async {
        _ = try? await LocalProcess.offloaded {
            _ = try? self.asServerUser("pg_ctl", ["-D", self.dataDirectory, "-m", "immediate", "-w", "stop"])
            try FileManager.default.removeItem(atPath: self.directory)
        }
    }

    private func startSync() throws {
        let options = "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=16MB"
        try asServerUser("pg_ctl", ["-D", dataDirectory, "-l", directory + "/server.log", "-w", "-t", "30", "-o", options, "start"])
    }

    @discardableResult
    private func asServerUser(_ tool: String, _ arguments: [String]) throws -> SubprocessResult {
        let executable = Self.binaries + "/" + tool
        if getuid() == 0 {
            return try LocalProcess.check("/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments)
        }
        return try LocalProcess.check(executable, arguments)
    }
}

/// Helpers shared by the temporary servers: running setup tools off the cooperative pool.
enum LocalProcess {
    struct Failed: Error, CustomStringConvertible {
        let command: String
        let result: SubprocessResult
        var description: String { "\(command) exited with \(result.status): \(result.stderr)\(result.stdout)" }
    }

    @discardableResult
    static func check(_ executable: String, _ arguments: [String]) throws -> SubprocessResult {
        let result = try Subprocess.run(executable, arguments)
        guard result.status == 0 else {
            throw Failed(command: ([executable] + arguments).joined(separator: " "), result: result)
        }
        return result
    }

    /// Runs blocking setup work on a dispatch thread so it cannot starve Swift's cooperative pool.
    static func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}

/// TCP ports on 127.0.0.1.
enum LocalTCP {
    struct Unavailable: Error {}

    /// A port the kernel just handed out (bound to port 0, then released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Unavailable() }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw Unavailable() }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw Unavailable() }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts connections on `port`.
    static func isOpen(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
