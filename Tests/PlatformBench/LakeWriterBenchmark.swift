import ArgumentParser
import EventSchema
import Foundation
import Kafka
import Logging
import TestSupport

/// `platform-bench lake-writer`: the built `lake-writer` at default settings, pinned to one CPU
/// and measured from the outside, draining a backlog into a `file://` lake (events/s until every
/// event is committed), vs. the Kafka consumer alone draining the same topics on the same CPU.
/// Each backlog shape is measured and reported on its own: the synthetic one (event time advancing
/// evenly, one hour after the other) and simulator-made ones of 2 hours, 24 hours and 7 days of
/// event time, where many partition-hours are open at once and the memory budget is reached.
/// After the synthetic shape: steady traffic for `--duration` seconds watching its RSS, and the
/// files each simulated hour became. Each shape runs on a private Tansu broker of its own: the
/// stack's topics and lake are left alone.
struct LakeWriterBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lake-writer",
        abstract: "lake-writer (Kafka -> Parquet -> lake, default settings, one core) vs. draining the same topics without writing."
    )

    @Option(help: "Events in the backlog each timed run drains.") var events = 1_000_000
    @Option(help: "Backlog shapes, comma-separated: synthetic, 2h, 24h, 7d (simulator-made).") var shapes = "synthetic,2h,24h,7d"
    @Option(help: "Synthetic shape: events per simulated hour of event time (500,000: ~140 events/s of real traffic).") var eventsPerHour = 500_000
    @Option(help: "Timed runs of each side; the median is reported.") var runs = 3
    @Option(help: "Seconds of steady traffic after the synthetic shape's timed runs, sampling RSS (600 for the 10-minute run).") var duration = 30
    @Option(help: "Events/s produced during the steady phase.") var rate = 5_000
    @Option(help: "The CPU both sides are pinned to (taskset).") var cpu = 1
    @Option(help: "Port for the lake-writer under test.") var port = 18_282
    @Option(help: "The lake-writer executable (default: next to this one).") var executable: String?
    @Option(help: "The memory budget lake-writer runs with (its default), for the RSS aim: budget + 128 MiB.") var memoryBudgetMiB = 256
    @Option(help: .hidden) var drainFrom: String?

    func run() async throws {
        if let drainFrom { return try await drain(brokers: drainFrom) }
        let writer = executable ?? Self.sibling("lake-writer")
        guard FileManager.default.isExecutableFile(atPath: writer) else { throw ValidationError("no executable at \(writer); pass --executable") }
        let names = shapes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for name in names where name != "synthetic" && SimulatedBacklog.shape(named: name, events: events) == nil {
            throw ValidationError("unknown shape \(name): use synthetic, 2h, 24h or 7d")
        }
        var summary: [String] = []
        for name in names {
            let broker = try await TemporaryKafkaBroker.start()
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("lake-writer-bench-\(UInt32.random(in: 0...UInt32.max))").path
            do {
                summary.append(try await measure(shape: name, broker: broker.brokers, writer: writer, work: work))
            } catch {
                try? await broker.stop()
                throw error
            }
            try await broker.stop()
            try? FileManager.default.removeItem(atPath: work)
        }
        print("== every shape: lake-writer / consumer alone (aim ≥ 0.5, stretch ≥ 0.8); peak RSS (aim ≤ \(memoryBudgetMiB + 128) MiB)")
        for line in summary { print("  " + line) }
    }

    /// One shape: its backlog, the reference runs, lake-writer's runs, the report; one summary line.
    private func measure(shape: String, broker: String, writer: String, work: String) async throws -> String {
        let client = KafkaClientConfiguration(bootstrapServers: broker)
        try await KafkaAdmin(configuration: client).createTopics(EventTopics.all.map { .init(name: $0, partitions: 6) })
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: client, maxQueuedMessages: 1_000_000), logger: Logger(label: "bench"))
        let traffic = SimulatedTraffic(eventsPerHour: eventsPerHour)
        let title: String
        let total: Int
        if let backlog = SimulatedBacklog.shape(named: shape, events: events) {
            total = try await backlog.produce(simulator: Self.sibling("ingest-service"), with: producer)
            title = "simulator-made backlog, \(backlog.name) of event time, \(total) events"
            print("== shape \(shape): produced \(total) events (\(events) simulated, dirty ones left out as ingest-service would) to a private broker")
        } else {
            try await traffic.produce(0..<events, with: producer)
            total = events
            title = "synthetic backlog, \(eventsPerHour) events per hour in order, \(total) events"
            print("== shape synthetic: produced \(events) events (\(events / eventsPerHour) simulated hours) to a private broker")
        }

        var reference: [Double] = []
        for run in 1...runs {
            let output = try Bench.output(of: "/usr/bin/taskset", ["-c", String(cpu), Self.sibling(""), "lake-writer", "--drain-from", broker, "--events", String(total)])
            guard let seconds = Double(output.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw ValidationError("unexpected drain output: \(output)") }
            reference.append(seconds)
            print(String(format: "  run %d: consumer alone %.2f s", run, seconds))
        }

        var ours: [Double] = []
        var peakRSS = 0
        var last: LakeWriterUnderTest?
        for run in 1...runs {
            let service = try LakeWriterUnderTest(
                executable: writer, cpu: cpu, port: port,
                environment: ["KAFKA_BROKERS": broker, "LAKE_URI": "file://\(work)/run\(run)", "LAKE_WRITER_GROUP_ID": "bench-lake-writer-\(run)-\(UUID())",
                              "LOG_LEVEL": "warning"],
                log: work + "-run\(run).log")
            try await service.waitUntilServing(timeout: .seconds(30))
            let (seconds, rss) = try await drainToLake(service, total: total)
            ours.append(seconds)
            peakRSS = max(peakRSS, rss)
            print(String(format: "  run %d: lake-writer %.2f s, peak RSS %.0f MiB", run, seconds, Double(rss) / 1_048_576))
            if run < runs { await service.stop() } else { last = service }
        }
        guard let service = last else { return shape }
        let census = LakeFileCensus(root: "\(work)/run\(runs)")
        let ratio = Bench.median(reference) / Bench.median(ours)
        Bench.report(
            title: "Kafka -> Parquet -> file:// lake, \(title), default settings, one CPU (median of \(runs))", unit: "events/s",
            ours: ("lake-writer (until every event committed)", Double(total) / Bench.median(ours)),
            reference: ("Kafka consumer alone, no writing", Double(total) / Bench.median(reference)), aim: "≥ 0.5")
        let rssMiB = Double(peakRSS) / 1_048_576
        print(String(format: "  lake-writer peak RSS while draining: %.0f MiB (aim ≤ %d MiB: %@)", rssMiB, memoryBudgetMiB + 128,
                     rssMiB <= Double(memoryBudgetMiB + 128) ? "met" : "not met"))
        if shape == "synthetic" {
            census.print(eventsPerHour: eventsPerHour, fullHours: events / eventsPerHour)
            let steady = try await steadyTraffic(service, producer: producer, traffic: traffic, from: events)
            steady.print()
        } else {
            print("  files: \(census.totalFiles) over \(census.hours.count) event hours")
        }
        await service.stop()
        await producer.shutdown()
        return shape.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: "%8.0f events/s, ratio %.2f (%@), peak RSS %4.0f MiB (%@), %d files",
                      Double(total) / Bench.median(ours), ratio, ratio >= 0.5 ? "met" : "not met", rssMiB,
                      rssMiB <= Double(memoryBudgetMiB + 128) ? "met" : "not met", census.totalFiles)
    }

    /// Times the service from the moment it starts draining to every event committed (the last
    /// buffers written by `POST /flush`, as the idle timer would a minute later); peak RSS.
    ///
    /// The start is when the idle service (started, joining its group) first keeps its CPU busy:
    /// the first 50 ms in which it used at least half of it. `/metrics` cannot say it: a service
    /// draining on its one CPU answers late, and its buffered-events gauge is refreshed by a
    /// timer that waits behind the draining, so the first reading above zero came seconds into
    /// the drain (before 2026-12-07 that reading was the start, and the rate was flattered).
    private func drainToLake(_ service: LakeWriterUnderTest, total: Int) async throws -> (seconds: Double, rss: Int) {
        var started: ContinuousClock.Instant?
        var firstReading: (at: ContinuousClock.Instant, consumed: Int)?
        var rss = 0
        var last = (at: ContinuousClock.now, cpu: service.cpuSeconds())
        let deadline = ContinuousClock.now + .seconds(600)
        while ContinuousClock.now < deadline {
            let now = (at: ContinuousClock.now, cpu: service.cpuSeconds())
            if started == nil, now.cpu - last.cpu >= 0.5 * (now.at - last.at).seconds { started = last.at }
            last = now
            rss = max(rss, service.rss())
            // A service busy on its one CPU may not answer a poll in time: that is load, not failure.
            guard let consumed = try? await service.consumed() else { try await Task.sleep(for: .milliseconds(50)); continue }
            if firstReading == nil, consumed > 0 { firstReading = (.now, consumed) }
            if consumed >= total {
                _ = try await service.flush()
                if try await service.committed() == Int64(total) {
                    guard let started else { throw ValidationError("lake-writer committed every event without ever using its CPU") }
                    if let firstReading {
                        print(String(format: "  (its first /metrics reading above zero, %d events, came %.2f s after it started draining)",
                                     firstReading.consumed, (firstReading.at - started).seconds))
                    }
                    return ((ContinuousClock.now - started).seconds, rss)
                }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ValidationError("lake-writer did not commit \(total) events within 10 minutes")
    }

    /// `rate` events/s for `duration` seconds, event time running on; RSS sampled every second.
    private func steadyTraffic(_ service: LakeWriterUnderTest, producer: KafkaProducer, traffic: SimulatedTraffic, from first: Int) async throws -> SteadyTrafficReport {
        var report = SteadyTrafficReport(rate: rate, seconds: duration, rssAtStart: service.rss())
        let start = ContinuousClock.now
        var next = first
        var lastSample = start
        while ContinuousClock.now - start < .seconds(duration) {
            let due = first + Int((ContinuousClock.now - start).seconds * Double(rate))
            if due > next {
                try await traffic.produce(next..<due, with: producer)
                next = due
            }
            if ContinuousClock.now - lastSample >= .seconds(1) {
                lastSample = .now
                report.samples.append(service.rss())
                if report.samples.count % 60 == 0 {
                    print(String(format: "  steady traffic: %d s, RSS %.0f MiB", report.samples.count, Double(report.samples.last!) / 1_048_576))
                }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        report.produced = next - first
        let total = next
        let deadline = ContinuousClock.now + .seconds(120)
        while try await service.consumed() < total, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(200)) }
        report.lagAtEnd = total - (try await service.consumed())
        report.rssAfter = service.rss()
        return report
    }

    /// Hidden mode, run pinned by `taskset`: the Kafka consumer alone drains `events` records from
    /// the event topics in a fresh group; prints the seconds from the first to the last record.
    private func drain(brokers: String) async throws {
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: KafkaClientConfiguration(bootstrapServers: brokers), groupID: "bench-drain-\(UUID())"),
            topics: EventTopics.eventTopics, logger: Logger(label: "bench"))
        var count = 0
        var first: ContinuousClock.Instant?
        // In batches, as lake-writer takes them: the reference is the fastest way to consume.
        drain: for await batch in consumer.eventBatches() {
            for event in batch {
                switch event {
                case .message:
                    if first == nil { first = .now }
                    count += 1
                case .partitionsAssigned: break
                case let .partitionsRevoked(_, rebalance): rebalance.complete()
                }
                if count == events { break drain }
            }
        }
        let seconds = (ContinuousClock.now - (first ?? .now)).seconds
        await consumer.close()
        print(seconds)
    }

    /// An executable in the same folder as this one (the empty name: this one).
    static func sibling(_ name: String) -> String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let me = URL(fileURLWithPath: path).standardizedFileURL
        return name.isEmpty ? me.path : me.deletingLastPathComponent().appendingPathComponent(name).path
    }

}
