import Foundation
import TestSupport
import Testing

/// The built executables as an operator meets them: bad configuration is one line on stderr
/// and exit status 2; SIGTERM stops a running service with status 0.
@Suite("service executables", .integration)
struct ServiceProcessTests {
    static let binDirectory: String = {
        // The test bundle sits in the same build folder as the executables.
        let bundle = Bundle.main.bundleURL.path
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: url.appendingPathComponent("ingest-service").path) {
            url = URL(fileURLWithPath: bundle)
        }
        return url.path
    }()

    func executable(_ name: String) throws -> String {
        let path = Self.binDirectory + "/" + name
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw MissingExecutable(path: path)
        }
        return path
    }

    @Test("bad configuration: one line naming the variable, exit status 2",
          arguments: ["ingest-service", "lake-writer", "warehouse-loader", "recommender-api", "poller", "dashboard"])
    func badConfiguration(service: String) throws {
        let result = try Subprocess.run(try executable(service), [], environment: ["PORT": "not-a-port", "PATH": "/usr/bin:/bin"])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("PORT=\"not-a-port\""))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test("S3 settings that cannot work stop a lake service at start: one line naming LAKE_URI and why, exit status 2",
          arguments: ["lake-writer", "warehouse-loader"])
    func unusableLakeSettings(service: String) throws {
        let secret = "wJalrXUtnFEMI-not-printed"
        let result = try Subprocess.run(try executable(service), [], environment: [
            "PATH": "/usr/bin:/bin", "PORT": "18999", "LAKE_URI": "s3://bucket/prefix",
            "KAFKA_BROKERS": "127.0.0.1:1", "POSTGRES_URL": "postgresql://postgres@127.0.0.1:1/spotify_data",
            "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": secret, "S3_FORCE_PATH_STYLE": "maybe",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("LAKE_URI=\"s3://bucket/prefix\""), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("S3_FORCE_PATH_STYLE must be true or false, got maybe"), "stderr: \(result.stderr)")
        #expect(!result.stderr.contains(secret) && !result.stdout.contains(secret))
    }

    @Test("SIGTERM: the service logs JSON, stops and exits 0 within 10 s")
    func gracefulShutdown() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable("ingest-service"))
        var env = ProcessInfo.processInfo.environment
        // A port the kernel handed out: a random one can be taken by a client connection of a
        // suite running alongside, and the bind failure would look like a failed shutdown.
        env["PORT"] = String(try LocalTCP.freePort())
        env["KAFKA_BROKERS"] = try TestEnvironment.require("KAFKA_BROKERS")
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        try await Task.sleep(for: .seconds(1))
        let start = ContinuousClock.now
        process.terminate()
        while process.isRunning && ContinuousClock.now - start < .seconds(10) {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(!process.isRunning)
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "stdout: \(output)\nstderr: \(stderr)")
        let lines = output.split(separator: "\n")
        #expect(lines.count >= 2)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["service"] as? String == "ingest-service")
        }
        #expect(lines.last?.contains("\"message\":\"stopped\"") == true, "stdout: \(output)")
    }
}

struct MissingExecutable: Error, CustomStringConvertible {
    let path: String
    var description: String { "\(path) is not built: run `swift build` (deploy/stack test does) before the tests" }
}
