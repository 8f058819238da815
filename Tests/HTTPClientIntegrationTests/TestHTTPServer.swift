import Foundation
import TestSupport

/// A Python HTTP server on 127.0.0.1 and a free port, for one test. Needs STACK_PYTHON: without
/// it the test fails (TestEnvironment.Missing), it never skips.
final class TestHTTPServer: @unchecked Sendable {  // immutable after init; Process is only touched in deinit
    let port: Int
    private let process: Process
    private let stdin: Pipe

    /// Starts the server and waits for its port on a dedicated thread: a blocking read here
    /// would stall Swift's cooperative pool (two threads on the CI machine) and skew timings.
    static func start() async throws -> TestHTTPServer {
        let python = try TestEnvironment.python()
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try TestHTTPServer(python: python) })
            }
        }
    }

    private init(python: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", TestServerScript.source]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let firstLine = Self.readLine(stdout.fileHandleForReading)
        guard let port = Int(firstLine) else {
            process.terminate()
            throw StartFailure(output: firstLine)
        }
        self.process = process
        self.stdin = stdin
        self.port = port
    }

    deinit {
        try? stdin.fileHandleForWriting.close()
        ChildProcess.stop(process)
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    struct StartFailure: Error, CustomStringConvertible {
        let output: String
        var description: String { "the test HTTP server did not print its port (got \"\(output)\")" }
    }

    private static func readLine(_ handle: FileHandle) -> String {
        var bytes: [UInt8] = []
        while let byte = try? handle.read(upToCount: 1), let first = byte.first, first != UInt8(ascii: "\n") {
            bytes.append(first)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
