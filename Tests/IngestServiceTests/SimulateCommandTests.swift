import Foundation
import TestSupport
import Testing

/// `ingest-service simulate` run as the built executable: NDJSON on stdout, and on stderr a
/// progress line every 5 s (not a terminal here: plain lines, no control codes) and a summary.
@Suite("simulate command")
struct SimulateCommandTests {
    @Test("a paced run shows its progress on stderr while stdout stays pure NDJSON")
    func progress() async throws {
        let executable = try BuiltExecutable.path("ingest-service")
        let result = try await CommandRun.run(
            executable, ["simulate", "--target", "stdout", "--events", "6500", "--users", "50", "--rate", "1000", "--seed", "7"],
            environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 6_500)
        #expect(lines.allSatisfy { $0.hasPrefix("{") }, "nothing but events on stdout")
        let progress = result.stderr.split(separator: "\n").filter { $0.hasPrefix("simulate: ") }
        #expect(progress.count >= 2, "a line after about 5 s and the final one: \(result.stderr)")
        #expect(progress.first?.contains("events/s") == true && progress.first?.contains("left") == true, "\(progress)")
        #expect(progress.last?.hasPrefix("simulate: 6,500 / 6,500 events (100.0 %)") == true, "\(progress)")
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\r"))
        #expect(result.stderr.contains("sent 6500 events"), "the summary scripts parse is still there")
    }
}
