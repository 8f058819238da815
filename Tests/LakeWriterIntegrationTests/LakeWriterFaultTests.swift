import Foundation
import TestSupport
import Testing

/// The built executable when the lake goes away and when the group rebalances, against a
/// throwaway Tansu broker and moto; checked with pyarrow like the end-to-end tests.
@Suite("lake-writer under faults", .serialized, .integration)
struct LakeWriterFaultTests {
    static let token = "admin-secret"

    func environment(brokers: String) -> [String: String] {
        ["KAFKA_BROKERS": brokers, "ADMIN_TOKEN": Self.token, "LAKE_WRITER_FLUSH_EVENTS": "2000", "LAKE_WRITER_FLUSH_SECONDS": "1",
         "LAKE_WRITER_FLUSH_MAX_SECONDS": "2", "LAKE_WRITER_SESSION_TIMEOUT_MS": "6000", "KAFKA_TOPIC_PARTITIONS": "3", "LOG_LEVEL": "info"]
    }

    func committed(_ process: LakeWriterProcess) -> Int64 {
        process.committedOffsets()?.values.reduce(0, +) ?? -1
    }

    func waitUntil(_ timeout: Duration, _ condition: () -> Bool) async -> Bool {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < timeout {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return condition()
    }

    @Test("S3 endpoint frozen for 30 s, then answering 500s: /ready turns red, nothing is committed meanwhile, nothing is lost")
    func s3Outage() async throws {
        let broker = try await TemporaryKafkaBroker.start()
        defer { Task { try? await broker.stop() } }
        let moto = try await MotoServer(bucket: "lake")
        defer { moto.stop() }
        let proxy = try await FaultInjectingProxy(upstreamPort: moto.port)
        defer { proxy.stop() }
        try await LakeFixture.createTopics(brokers: broker.brokers)
        var env = environment(brokers: broker.brokers)
        env["LAKE_URI"] = "s3://lake"
        env["S3_ENDPOINT"] = proxy.endpoint
        env["AWS_ACCESS_KEY_ID"] = moto.accessKey
        env["AWS_SECRET_ACCESS_KEY"] = moto.secretKey
        let process = try LakeWriterProcess(environment: env, log: NSTemporaryDirectory() + "lake-writer-outage.log")
        defer { process.kill9() }
        try await LakeFixture.produce(count: 4_000, brokers: broker.brokers, poison: false)
        #expect(await waitUntil(.seconds(45)) { committed(process) == 4_000 }, "committed \(committed(process))")

        // Down: moto frozen for 30 s while events keep coming.
        try moto.pause()
        let pausedAt = ContinuousClock.now
        try await LakeFixture.produce(count: 4_000, brokers: broker.brokers, poison: false, startIndex: 4_000)
        let frozenReported = await waitUntil(.seconds(15)) { (try? process.request("/ready").status) == 503 }
        #expect(frozenReported, "/ready must report the frozen lake")
        try await Task.sleep(until: pausedAt + .seconds(30))
        let committedWhileFrozen = committed(process)
        #expect(committedWhileFrozen == 4_000, "nothing may be committed while the lake cannot store it")
        moto.resume()
        let resumedAt = ContinuousClock.now
        #expect(await waitUntil(.seconds(90)) { committed(process) == 8_000 }, "recovered: committed \(committed(process))")
        let caughtUpAfterFreeze = ContinuousClock.now - resumedAt
        #expect(await waitUntil(.seconds(20)) { (try? process.request("/ready").status) == 200 })

        // Failing: every write answered 500 for ~10 s.
        proxy.failWrites(true)
        let failingFrom = ContinuousClock.now
        try await LakeFixture.produce(count: 4_000, brokers: broker.brokers, poison: false, startIndex: 8_000)
        let failingReported = await waitUntil(.seconds(15)) { (try? process.request("/ready"))?.body.contains("lake writes failing") == true }
        #expect(failingReported, "/ready names the failing writes")
        try await Task.sleep(for: .seconds(5))
        let committedWhileFailing = committed(process)
        #expect(committedWhileFailing == 8_000, "nothing may be committed while writes fail")
        let metrics = try process.request("/metrics").body
        let failing = metrics.split(separator: "\n").first { $0.hasPrefix("lake_writer_storage_failing ") }
        #expect(failing.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) } == 1, "\(failing ?? "no lake_writer_storage_failing")")
        #expect(metrics.contains("lake_writer_storage_retries_total"))
        let failingSeconds = ContinuousClock.now - failingFrom
        proxy.failWrites(false)
        let healedAt = ContinuousClock.now
        #expect(await waitUntil(.seconds(60)) { committed(process) == 12_000 }, "recovered: committed \(committed(process))")
        let caughtUpAfterFailures = ContinuousClock.now - healedAt
        #expect(await waitUntil(.seconds(20)) { (try? process.request("/ready").status) == 200 })

        process.terminate()
        #expect(await process.waitForExit(timeout: .seconds(10)))
        let report = try LakeFixture.inspect(s3: (moto.endpoint, "lake", moto.accessKey, moto.secretKey))
        #expect(report["distinct"] as? Int == 12_000, "\(report)")
        #expect(report["duplicates"] as? Int == 0, "retries rewrite the same file names: \(report)")
        #expect(report["misplaced"] as? Int == 0, "\(report)")
        // The README's "S3 endpoint down" row is copied from this report.
        try LakeFixture.writeReport([
            "events": 12_000, "frozen_seconds": 30, "failing_writes_seconds": LakeFixture.seconds(failingSeconds),
            "ready_503_while_frozen": frozenReported, "ready_names_failing_writes": failingReported,
            "committed_while_frozen": committedWhileFrozen, "committed_before_freeze": 4_000,
            "committed_while_failing": committedWhileFailing, "committed_before_failures": 8_000,
            "caught_up_after_freeze_s": LakeFixture.seconds(caughtUpAfterFreeze), "caught_up_after_failures_s": LakeFixture.seconds(caughtUpAfterFailures),
            "rows": report["rows"] ?? NSNull(), "distinct": report["distinct"] ?? NSNull(),
            "lost": 12_000 - (report["distinct"] as? Int ?? 0), "duplicates": report["duplicates"] ?? NSNull(),
            "files": report["files"] ?? NSNull(),
        ], name: "lake-writer-s3-outage-report")
    }

    @Test("two instances in one group: the rebalance flushes and commits the revoked partitions' buffers; nothing lost or doubled")
    func rebalance() async throws {
        let broker = try await TemporaryKafkaBroker.start()
        defer { Task { try? await broker.stop() } }
        let root = NSTemporaryDirectory() + "lake-writer-rebalance-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try await LakeFixture.createTopics(brokers: broker.brokers)
        // No time or size limit can fire during the test: only a revocation (or SIGTERM) writes files.
        var env = environment(brokers: broker.brokers)
        env["LAKE_URI"] = "file://" + root
        env["LAKE_WRITER_GROUP_ID"] = "lake-writer-rebalance-test"
        env["LAKE_WRITER_FLUSH_EVENTS"] = "1000000"
        env["LAKE_WRITER_FLUSH_SECONDS"] = "3600"
        env["LAKE_WRITER_FLUSH_MAX_SECONDS"] = "3600"
        try await LakeFixture.produce(count: 10_000, brokers: broker.brokers, poison: false)
        let first = try LakeWriterProcess(environment: env, log: root + "/../lake-writer-rebalance-1.log")
        defer { first.kill9() }
        #expect(await waitUntil(.seconds(45)) { first.bufferedEvents()?.values.reduce(0, +) == 10_000 }, "the first instance holds everything")
        #expect(try LakeFixture.inspect(lakeRoot: root)["files"] as? Int == 0)

        let second = try LakeWriterProcess(environment: env, log: root + "/../lake-writer-rebalance-2.log")
        defer { second.kill9() }
        #expect(await second.waitForAssignment(timeout: .seconds(45)), "the second instance gets partitions")
        #expect(await waitUntil(.seconds(15)) { (first.committedOffsets()?.count ?? 0) + (second.committedOffsets()?.count ?? 0) == 12 })
        let afterRebalance = try LakeFixture.inspect(lakeRoot: root)
        #expect((afterRebalance["rows"] as? Int ?? 0) > 0, "revoked buffers were written before release: \(afterRebalance)")
        #expect(afterRebalance["duplicates"] as? Int == 0, "\(afterRebalance)")

        try await LakeFixture.produce(count: 10_000, brokers: broker.brokers, poison: false, startIndex: 10_000)
        // Only revocations commit here, so per instance committed + buffered is everything taken in.
        func takenIn(_ process: LakeWriterProcess) -> Int64 {
            (process.committedOffsets()?.values.reduce(0, +) ?? 0) + (process.bufferedEvents()?.values.reduce(0, +) ?? 0)
        }
        #expect(await waitUntil(.seconds(45)) { takenIn(first) + takenIn(second) == 20_000 })
        first.terminate()
        second.terminate()
        #expect(await first.waitForExit(timeout: .seconds(20)))
        #expect(await second.waitForExit(timeout: .seconds(20)))
        let report = try LakeFixture.inspect(lakeRoot: root)
        #expect(report["distinct"] as? Int == 20_000, "\(report)")
        #expect(report["duplicates"] as? Int == 0, "the second instance started where the first committed: \(report)")
        #expect(report["misplaced"] as? Int == 0, "\(report)")
    }
}
