import Foundation
import Testing
import TestSupport

@Suite("exactly once across kill -9", .integration)
struct CrashRecoveryTests {
    /// 200,000 rows in 20 files, the real executable killed with SIGKILL at random moments three
    /// times, then run to completion: every file's rows are in bronze exactly once.
    @Test("kill -9 at random moments during a load, restart: every file loaded exactly once")
    func killNine() async throws {
        let context = try LoaderTestContext()
        defer { Task { await context.tearDown() } }
        let files = 20, rowsPerFile = 10_000
        for i in 0..<files {
            try await BronzeFileFixtures.put(context.lake, partition: Int32(i % 6), firstOffset: i * rowsPerFile, rows: rowsPerFile)
        }
        var environment = ProcessInfo.processInfo.environment
        environment.merge(context.environment) { _, new in new }
        let executable = try LoaderExecutable.path()
        var kills = 0
        while kills < 3 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["load"]
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            try await Task.sleep(for: .milliseconds(Int.random(in: 150...1500)))
            guard process.isRunning else { continue }  // finished before the kill: start over with another delay
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            kills += 1
            let loaded = (try? await context.count("plays")) ?? 0
            #expect(loaded % rowsPerFile == 0, "a killed load left a partial file: \(loaded) rows")
            if loaded == files * rowsPerFile { break }
        }
        let result = try Subprocess.run(executable, ["load"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        // Progress for a person on stderr, plain lines when not on a terminal; the report on stdout.
        #expect(result.stderr.contains("load: ") && result.stderr.contains("rows added in"), "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}"))
        #expect(result.stdout.hasPrefix("{"))

        #expect(try await context.count("plays") == files * rowsPerFile)
        let s = context.schema
        let batches: Int = try await context.scalar("SELECT count(DISTINCT _source_file) FROM \(identifier: s).plays")
        #expect(batches == files)
        let duplicated: Int = try await context.scalar(
            "SELECT count(*) FROM (SELECT _source_file FROM \(identifier: s).plays GROUP BY 1 HAVING count(*) <> \(rowsPerFile)) AS t")
        #expect(duplicated == 0)
        let duplicateEvents: Int = try await context.scalar(
            "SELECT count(*) - count(DISTINCT event_id) FROM \(identifier: s).plays")
        #expect(duplicateEvents == 0)
        let history: Int = try await context.scalar(
            "SELECT count(*) FROM \(identifier: s).load_history WHERE status = 'loaded' AND row_count = \(rowsPerFile)")
        #expect(history == files)
    }
}
