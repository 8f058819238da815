import Foundation
import TestSupport
import Testing

/// The built executable against a real (throwaway) Tansu broker and a real lake, checked with
/// pyarrow and DuckDB. Run after `swift build` (the tests spawn `lake-writer`).
@Suite("lake-writer end to end", .serialized, .integration)
struct LakeWriterEndToEndTests {
    static let token = "admin-secret"

    func environment(brokers: String, lake: String) -> [String: String] {
        ["KAFKA_BROKERS": brokers, "LAKE_URI": lake, "ADMIN_TOKEN": Self.token, "LAKE_WRITER_FLUSH_EVENTS": "2000",
         "LAKE_WRITER_FLUSH_SECONDS": "1", "LAKE_WRITER_FLUSH_MAX_SECONDS": "2", "LAKE_WRITER_SESSION_TIMEOUT_MS": "6000", "KAFKA_TOPIC_PARTITIONS": "3", "LOG_LEVEL": "info"]
    }

    /// Waits until the group has committed `records` offsets in total (fresh broker: offsets start at 0).
    func waitForCommitted(_ process: LakeWriterProcess, records: Int64, timeout: Duration) async throws {
        let start = ContinuousClock.now
        var last: Int64 = -1
        while ContinuousClock.now - start < timeout {
            if let offsets = process.committedOffsets() {
                last = offsets.values.reduce(0, +)
                if last >= records { return }
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        Issue.record("committed \(last) of \(records) records within \(timeout)")
    }

    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "lake-writer-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("file:// lake: every event lands once, in its event hour; flush and status answer; SIGTERM exits 0")
    func fileLake() async throws {
        let broker = try await TemporaryKafkaBroker.start()
        defer { Task { try? await broker.stop() } }
        let root = try temporaryDirectory()
        try await LakeFixture.createTopics(brokers: broker.brokers)
        try await LakeFixture.produce(count: 20_000, brokers: broker.brokers)
        let process = try LakeWriterProcess(environment: environment(brokers: broker.brokers, lake: "file://" + root), log: root + "/../lake-writer-file.log")
        try await waitForCommitted(process, records: 20_004, timeout: .seconds(45))
        #expect(try process.request("/flush", method: "POST").status == 401)
        let flushed = try process.request("/flush", method: "POST", token: Self.token)
        #expect(flushed.status == 200 && flushed.body.contains("\"files\""))
        let status = try process.request("/status")
        #expect(status.body.contains("\"last_files\"") && status.body.contains("high_watermark"))
        process.terminate()
        #expect(await process.waitForExit(timeout: .seconds(10)))
        #expect(process.exitStatus == 0)
        let report = try LakeFixture.inspect(lakeRoot: root)
        #expect(report["rows"] as? Int == 20_000, "\(report)")
        #expect(report["distinct"] as? Int == 20_000, "\(report)")
        #expect(report["misplaced"] as? Int == 0, "\(report)")
        #expect(report["duckdb_rows"] as? Int == 20_000, "\(report)")
    }

    @Test("s3:// lake on moto with signature checking: every event lands once; pyarrow reads it hive-partitioned")
    func s3Lake() async throws {
        let broker = try await TemporaryKafkaBroker.start()
        defer { Task { try? await broker.stop() } }
        let moto = try await MotoServer(bucket: "lake")
        defer { moto.stop() }
        try await LakeFixture.createTopics(brokers: broker.brokers)
        try await LakeFixture.produce(count: 8_000, brokers: broker.brokers)
        var env = environment(brokers: broker.brokers, lake: "s3://lake")
        env["S3_ENDPOINT"] = moto.endpoint
        env["AWS_ACCESS_KEY_ID"] = moto.accessKey
        env["AWS_SECRET_ACCESS_KEY"] = moto.secretKey
        let process = try LakeWriterProcess(environment: env, log: NSTemporaryDirectory() + "lake-writer-s3.log")
        try await waitForCommitted(process, records: 8_004, timeout: .seconds(45))
        #expect(try process.request("/ready").status == 200)
        process.terminate()
        #expect(await process.waitForExit(timeout: .seconds(10)))
        let report = try LakeFixture.inspect(s3: (moto.endpoint, "lake", moto.accessKey, moto.secretKey))
        #expect(report["rows"] as? Int == 8_000, "\(report)")
        #expect(report["distinct"] as? Int == 8_000, "\(report)")
        #expect(report["misplaced"] as? Int == 0, "\(report)")
    }

    @Test("crash test: SIGKILL at random moments while events stream in, restart; nothing missing, duplicates counted")
    func crashes() async throws {
        let broker = try await TemporaryKafkaBroker.start()
        defer { Task { try? await broker.stop() } }
        let root = try temporaryDirectory()
        let total = Int(ProcessInfo.processInfo.environment["LAKE_WRITER_CRASH_EVENTS"] ?? "") ?? 200_000
        let kills = Int(ProcessInfo.processInfo.environment["LAKE_WRITER_CRASH_KILLS"] ?? "") ?? 5
        try await LakeFixture.createTopics(brokers: broker.brokers)
        var env = environment(brokers: broker.brokers, lake: "file://" + root)
        env["LAKE_WRITER_FLUSH_EVENTS"] = "5000"
        // A stream, not a backlog: 10,000 events every 1.5 s, so the kills land mid-stream.
        let producing = Task {
            for start in stride(from: 0, to: total, by: 10_000) {
                try await LakeFixture.produce(count: min(10_000, total - start), brokers: broker.brokers, poison: false, startIndex: start)
                try await Task.sleep(for: .milliseconds(1500))
            }
        }
        for _ in 0..<kills {
            let process = try LakeWriterProcess(environment: env, log: root + "/../lake-writer-crash.log")
            // Killed once it holds partitions (consuming, buffering, writing or committing).
            _ = await process.waitForAssignment(timeout: .seconds(30))
            try await Task.sleep(for: .milliseconds(Int64.random(in: 300...4_000)))
            process.kill9()
        }
        try await producing.value
        let process = try LakeWriterProcess(environment: env, log: root + "/../lake-writer-crash.log")
        try await waitForCommitted(process, records: Int64(total), timeout: .seconds(90))
        process.terminate()
        #expect(await process.waitForExit(timeout: .seconds(10)))
        let report = try LakeFixture.inspect(lakeRoot: root)
        // Nothing missing: every produced event is in the lake, each in its own hour's folder.
        #expect(report["distinct"] as? Int == total, "\(report)")
        #expect(report["misplaced"] as? Int == 0, "\(report)")
        // Duplicates are possible (a file written but not yet committed when the kill lands is
        // written again after the replay, perhaps with other offsets), so they are measured and
        // reported, not promised to be 0.
        let rows = report["rows"] as? Int ?? -1, duplicates = report["duplicates"] as? Int ?? -1
        try LakeFixture.writeReport(
            ["events": total, "kills": kills, "rows": rows, "missing": total - (report["distinct"] as? Int ?? 0),
             "duplicates": duplicates, "files": report["files"] as? Int ?? -1, "misplaced": report["misplaced"] as? Int ?? -1],
            name: "lake-writer-crash-report")
        print("crash test: \(total) events, \(kills) kills, rows \(report["rows"] ?? "?"), duplicates \(report["duplicates"] ?? "?"), files \(report["files"] ?? "?")")
    }
}
