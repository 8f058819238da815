import ArgumentParser
import EventSchema
import Foundation
import Kafka
import Logging
import TestSupport

/// `platform-bench lake-writer`: the built `lake-writer` at default settings, pinned to one CPU
/// and measured from the outside, draining a backlog of simulated traffic into a `file://` lake
/// (events/s until every event is committed), vs. the Kafka consumer alone draining the same
/// topics on the same CPU; then steady traffic for `--duration` seconds watching its RSS; and
/// the files each simulated hour became. Runs on a private Tansu broker: the stack's topics and
/// lake are left alone.
struct LakeWriterBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lake-writer",
        abstract: "lake-writer (Kafka -> Parquet -> lake, default settings, one core) vs. draining the same topics without writing."
    )

    @Option(help: "Events in the backlog each timed run drains.") var events = 1_000_000
    @Option(help: "Events per simulated hour of event time (500,000: ~140 events/s of real traffic).") var eventsPerHour = 500_000
    @Option(help: "Timed runs of each side; the median is reported.") var runs = 3
    @Option(help: "Seconds of steady traffic after the timed runs, sampling RSS (600 for the 10-minute run).") var duration = 30
    @Option(help: "Events/s produced during the steady phase.") var rate = 5_000
    @Option(help: "The CPU both sides are pinned to (taskset).") var cpu = 1
    @Option(help: "Port for the lake-writer under test.") var port = 18_282
    @Option(help: "The lake-writer executable (default: next to this one).") var executable: String?
    @Option(help: .hidden) var drainFrom: String?

    func run() async throws {
        if let drainFrom { return try await drain(brokers: drainFrom) }
        let writer = executable ?? Self.sibling("lake-writer")
        guard FileManager.default.isExecutableFile(atPath: writer) else { throw ValidationError("no executable at \(writer); pass --executable") }
        let broker = try await TemporaryKafkaBroker.start()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("lake-writer-bench-\(UInt32.random(in: 0...UInt32.max))").path
        do {
            try await measure(broker: broker.brokers, writer: writer, work: work)
        } catch {
            try? await broker.stop()
            throw error
        }
        try await broker.stop()
        try? FileManager.default.removeItem(atPath: work)
    }

    private func measure(broker: String, writer: String, work: String) async throws {
        let client = KafkaClientConfiguration(bootstrapServers: broker)
        try await KafkaAdmin(configuration: client).createTopics(EventTopics.all.map { .init(name: $0, partitions: 6) })
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: client, maxQueuedMessages: 1_000_000), logger: Logger(label: "bench"))
        let traffic = SimulatedTraffic(eventsPerHour: eventsPerHour)
        try await traffic.produce(0..<events, with: producer)
        print("produced \(events) events (\(events / eventsPerHour) simulated hours) to a private broker")

        var reference: [Double] = []
        for run in 1...runs {
            let output = try Bench.output(of: "/usr/bin/taskset", ["-c", String(cpu), Self.sibling(""), "lake-writer", "--drain-from", broker, "--events", String(events)])
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
            let (seconds, rss) = try await drainToLake(service, total: events)
            ours.append(seconds)
            peakRSS = max(peakRSS, rss)
            print(String(format: "  run %d: lake-writer %.2f s, peak RSS %.0f MiB", run, seconds, Double(rss) / 1_048_576))
            if run < runs { await service.stop() } else { last = service }
        }
        guard let service = last else { return }
        let hours = LakeFileCensus(root: "\(work)/run\(runs)")
        let steady = try await steadyTraffic(service, producer: producer, traffic: traffic, from: events)
        await service.stop()
        await producer.shutdown()

        Bench.report(
            title: "Kafka -> Parquet -> file:// lake, \(events) events, default settings, one CPU (median of \(runs))", unit: "events/s",
            ours: ("lake-writer (until every event committed)", Double(events) / Bench.median(ours)),
            reference: ("Kafka consumer alone, no writing", Double(events) / Bench.median(reference)), aim: "≥ 0.5")
        print(String(format: "  lake-writer peak RSS while draining: %.0f MiB", Double(peakRSS) / 1_048_576))
        hours.print(eventsPerHour: eventsPerHour, fullHours: events / eventsPerHour)
        steady.print()
    }

    /// Times the service from its first event taken in to every event committed (the last
    /// buffers written by `POST /flush`, as the idle timer would a minute later); peak RSS.
    private func drainToLake(_ service: LakeWriterUnderTest, total: Int) async throws -> (seconds: Double, rss: Int) {
        var started: ContinuousClock.Instant?
        var rss = 0
        let deadline = ContinuousClock.now + .seconds(600)
        while ContinuousClock.now < deadline {
            rss = max(rss, service.rss())
            // A service busy on its one CPU may not answer a poll in time: that is load, not failure.
            guard let consumed = try? await service.consumed() else { try await Task.sleep(for: .milliseconds(50)); continue }
            if started == nil, consumed > 0 { started = .now }
            if consumed >= total {
                _ = try await service.flush()
                if try await service.committed() == Int64(total) { return ((ContinuousClock.now - started!).seconds, rss) }
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
        for await event in consumer.events {
            switch event {
            case .message:
                if first == nil { first = .now }
                count += 1
            case .partitionsAssigned: break
            case let .partitionsRevoked(_, rebalance): rebalance.complete()
            }
            if count == events { break }
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
