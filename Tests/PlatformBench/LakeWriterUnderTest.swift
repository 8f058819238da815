import ArgumentParser
import Foundation
import HTTPClient
import Logging

/// The built `lake-writer` executable as a child process, optionally pinned to one CPU, measured
/// only from the outside: `/metrics`, `/status`, `POST /flush` and its VmRSS.
final class LakeWriterUnderTest: @unchecked Sendable {
    static let adminToken = "lake-writer-bench-token"
    let port: Int
    private let process: Process
    private let client = HTTPClient(logger: Logger(label: "bench"))

    init(executable: String, cpu: Int?, port: Int, environment: [String: String], log: String) throws {
        self.port = port
        let process = Process()
        if let cpu {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
            process.arguments = ["-c", String(cpu), executable]
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            .merging(["PORT": String(port), "ADMIN_TOKEN": Self.adminToken]) { $1 }
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = output
        process.standardError = output
        try process.run()
        self.process = process
    }

    /// taskset execs the service, so the child's pid is the service's.
    var pid: Int32 { process.processIdentifier }

    /// Resident set size now (VmRSS), in bytes.
    func rss() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return (line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0) * 1024
        }
        return 0
    }

    /// CPU time the service has used so far (user + system, from /proc/<pid>/stat), in seconds.
    func cpuSeconds() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.lastIndex(of: ")") else { return 0 }
        // Fields after the command name: state is field 3, utime 14 and stime 15.
        let fields = stat[stat.index(after: afterName)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Events taken in so far: written to the lake plus buffered (the gauge is refreshed every 250 ms).
    func consumed() async throws -> Int {
        let text = try await get("/metrics")
        return Int(Self.sum("lake_writer_events_written_total", in: text) + Self.sum("lake_writer_buffered_events", in: text))
    }

    /// Sum of every series of a Prometheus metric.
    static func sum(_ name: String, in text: String) -> Double {
        text.split(separator: "\n").reduce(0) { total, line in
            guard line.hasPrefix(name), let next = line.dropFirst(name.count).first, next == "{" || next == " ",
                  let value = line.split(separator: " ").last.flatMap({ Double($0) }) else { return total }
            return total + value
        }
    }

    /// Sum of the committed offsets over all partitions (a fresh broker: the records committed).
    func committed() async throws -> Int64 {
        let body = try await get("/status")
        guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
              let partitions = object["partitions"] as? [[String: Any]] else { throw ValidationError("unexpected /status: \(body)") }
        return partitions.reduce(0) { $0 + ((($1["committed_offset"] as? NSNumber)?.int64Value) ?? 0) }
    }

    /// `POST /flush`: writes everything buffered; returns the number of files written.
    func flush() async throws -> Int {
        let response = try await client.execute(
            HTTPRequest(method: .post, url: "http://127.0.0.1:\(port)/flush", headers: ["Authorization": "Bearer \(Self.adminToken)"]),
            timeout: HTTPTimeout(connect: .seconds(2), total: .seconds(300)))
        guard response.status == 200, let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
              let files = object["files"] as? [Any] else { throw ValidationError("POST /flush answered \(response.status): \(response.bodyText)") }
        return files.count
    }

    /// Waits until the service answers `/status` (it has started).
    func waitUntilServing(timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await get("/status")) != nil { return }
            guard process.isRunning else { throw ValidationError("lake-writer exited with \(process.terminationStatus); see its log") }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ValidationError("lake-writer did not answer within \(timeout)")
    }

    /// SIGTERM (flush, commit, exit) and wait.
    func stop() async {
        process.terminate()
        while process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
    }

    private func get(_ path: String) async throws -> String {
        let response = try await client.execute(HTTPRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: HTTPTimeout(connect: .seconds(2), total: .seconds(10)))
        guard response.status == 200 else { throw ValidationError("GET \(path) answered \(response.status)") }
        return response.bodyText
    }
}
