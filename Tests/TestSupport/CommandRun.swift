import Foundation

/// A built executable run to its end from an async test: stdout and stderr go to files and the
/// test polls for the exit, so no thread of Swift's cooperative pool blocks (and no
/// `waitUntilExit`, which was seen to hang).
public struct CommandRun: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    public var output: String { stdout + stderr }

    public struct TimedOut: Error, CustomStringConvertible {
        public let description: String
    }

    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], limit: Duration = .seconds(60)
    ) async throws -> CommandRun {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("command-run-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (out, err) = (folder + "/stdout", folder + "/stderr")
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        let start = ContinuousClock.now
        while process.isRunning && ContinuousClock.now - start < limit { try await Task.sleep(for: .milliseconds(25)) }
        if process.isRunning {
            process.terminate()
            throw TimedOut(description: "\(executable) \(arguments) did not finish within \(limit)")
        }
        return CommandRun(status: process.terminationStatus,
                          stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                          stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }
}
