import Foundation
import TestSupport

/// The built `lake-writer` executable run as a child process, so tests can SIGKILL it.
final class LakeWriterProcess: @unchecked Sendable {
    let port: Int
    private let process = Process()

    static var executable: String {
        // The test bundle sits in the same build folder as the executables.
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: url.appendingPathComponent("lake-writer").path) {
            url = Bundle.main.bundleURL
        }
        return url.appendingPathComponent("lake-writer").path
    }

    init(environment: [String: String], log: String) throws {
        port = try Self.freePort()
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        env["PORT"] = String(port)
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.environment = env
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var isRunning: Bool { process.isRunning }
    var exitStatus: Int32 { process.terminationStatus }
    func kill9() { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
    func terminate() { process.terminate() }
    func waitForExit(timeout: Duration) async -> Bool {
        let start = ContinuousClock.now
        while process.isRunning && ContinuousClock.now - start < timeout { try? await Task.sleep(for: .milliseconds(50)) }
        return !process.isRunning
    }

    /// GET/POST through curl: no HTTP client dependency in the test target.
    func request(_ path: String, method: String = "GET", token: String? = nil) throws -> (status: Int, body: String) {
        var args = ["-s", "-m", "30", "-o", "-", "-w", "\n%{http_code}", "-X", method, "http://127.0.0.1:\(port)\(path)"]
        if let token { args += ["-H", "Authorization: Bearer \(token)"] }
        let result = try Subprocess.run("/usr/bin/curl", args)
        let body = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(body.last ?? "") ?? 0, body.dropLast().joined(separator: "\n"))
    }

    /// Per-partition committed offsets from `/status`, or nil when the service does not answer.
    func committedOffsets() -> [String: Int64]? {
        partitionField("committed_offset")
    }

    /// Per-partition buffered events from `/status`, or nil when the service does not answer.
    func bufferedEvents() -> [String: Int64]? {
        partitionField("buffered_events")
    }

    /// Waits until the group gave this instance at least one partition.
    func waitForAssignment(timeout: Duration) async -> Bool {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < timeout {
            if let partitions = committedOffsets(), !partitions.isEmpty { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// One numeric field of each `/status` partition, keyed "topic-partition" (missing: 0).
    private func partitionField(_ field: String) -> [String: Int64]? {
        guard let (status, body) = try? request("/status"), status == 200,
              let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
              let partitions = object["partitions"] as? [[String: Any]] else { return nil }
        var result: [String: Int64] = [:]
        for entry in partitions {
            let key = "\(entry["topic"] as? String ?? "")-\(entry["partition"] as? Int ?? -1)"
            result[key] = (entry[field] as? NSNumber)?.int64Value ?? 0
        }
        return result
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
