import Foundation
import HTTPClient
import TestSupport

/// The built `dashboard` executable running on a free port against the stack's servers.
final class DashboardProcess {
    let process = Process()
    let baseURL: String

    struct NotStarted: Error, CustomStringConvertible {
        let description: String
    }

    init(environment extra: [String: String] = [:]) async throws {
        let executable = try Self.executablePath()
        let port = Int.random(in: 41_000...48_999)
        baseURL = "http://127.0.0.1:\(port)"
        var environment = ProcessInfo.processInfo.environment
        environment["PORT"] = String(port)
        environment["POSTGRES_URL"] = try TestEnvironment.require("POSTGRES_URL")
        environment["RECOMMENDER_URL"] = try TestEnvironment.require("RECOMMENDER_URL")
        environment["LOG_LEVEL"] = "warning"
        for (key, value) in extra { environment[key] = value }
        process.executableURL = URL(fileURLWithPath: executable)
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let http = HTTPClient()
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            if let response = try? await http.execute(HTTPRequest(url: baseURL + "/health"), timeout: HTTPTimeout(connect: .seconds(1), total: .seconds(1))),
               response.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        throw NotStarted(description: "\(executable) did not answer /health on \(baseURL) within 15 s")
    }

    func stop() {
        ChildProcess.stop(process, grace: 2)
    }

    /// The executable next to the test bundle in the build folder (`swift build` builds it).
    static func executablePath() throws -> String {
        try BuiltExecutable.path("dashboard")
    }
}
