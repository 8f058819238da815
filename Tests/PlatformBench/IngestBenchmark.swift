import ArgumentParser
import Foundation
import HTTPClient
import Kafka
import Logging

/// Load against a running ingest-service (`deploy/stack up`, ideally with
/// STACK_BUILD_CONFIGURATION=release), against the same records produced straight to Kafka in
/// the same shape: `connections` senders of `batch`-event batches, and `single-connections`
/// senders of one event each, every sender waiting for its answer before the next, as an HTTP
/// client waits for its 202. The ratio is the cost of HTTP, framing and validation. Runs
/// alternate (service, then reference) and the report gives medians.
struct IngestBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "POST /v1/events throughput and latency vs. the raw Kafka producer in the same shape."
    )

    @Option(help: "ingest-service base URL (default: $INGEST_URL).") var url: String?
    @Option(help: "Bearer token (default: $INGEST_TOKEN).") var token: String?
    @Option(help: "Broker list for the raw-producer reference (default: $KAFKA_BROKERS).") var brokers: String?
    @Option(help: "pid of the ingest-service, for its RSS (default: from $STACK_DIR/pids).") var pid: Int?
    @Option(help: "Seconds of load per phase.") var seconds = 10
    @Option(help: "Runs of every phase; the report gives medians.") var runs = 3
    @Option(help: "Concurrent client connections sending batches.") var connections = 8
    @Option(help: "Concurrent client connections sending single events.") var singleConnections = 32
    @Option(help: "Events per batch request.") var batch = 500
    @Option(help: "The reference producer's linger.ms: ingest-service's default (INGEST_SERVICE_KAFKA_LINGER_MS).") var lingerMs = 1

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        guard let url = url ?? env["INGEST_URL"] else { throw ValidationError("set --url or INGEST_URL") }
        guard let brokers = brokers ?? env["KAFKA_BROKERS"] else { throw ValidationError("set --brokers or KAFKA_BROKERS") }
        let token = token ?? env["INGEST_TOKEN"]
        let servicePID = pid ?? env["STACK_DIR"].flatMap { try? String(contentsOfFile: $0 + "/pids/ingest-service.pid", encoding: .utf8) }
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let client = HTTPClient(configuration: .init(maxConcurrentRequests: max(connections, singleConnections)), logger: Logger(label: "bench"))
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(client: KafkaClientConfiguration(bootstrapServers: brokers), linger: .milliseconds(Int64(lingerMs))),
            logger: Logger(label: "bench"))

        let events = (0..<20_000).map(Self.event)
        let batchBodies = stride(from: 0, to: events.count, by: batch).map { start in
            Array(events[start..<min(start + batch, events.count)].joined(separator: "\n").utf8)
        }
        let singleBodies = events.prefix(5_000).map { Array($0.utf8) }
        let records = events.map { KafkaProducerMessage(topic: "user_plays", key: "user_\($0.count % 100)", value: Array($0.utf8)) }

        var batched: [PhaseResult] = [], singles: [PhaseResult] = [], rawBatched: [PhaseResult] = [], rawSingles: [PhaseResult] = []
        var rssUnderLoad = 0
        var cpuPerEvent: [Double] = [], cpuPerSingle: [Double] = []
        for run in 1...runs {
            var cpu = servicePID.map { Self.cpuSeconds(pid: $0) } ?? 0
            batched.append(try await load(client: client, url: url, token: token, bodies: batchBodies, contentType: "application/x-ndjson", workers: connections))
            if let servicePID { cpuPerEvent.append((Self.cpuSeconds(pid: servicePID) - cpu) / Double(batched[run - 1].requests * batch)) }
            rssUnderLoad = max(rssUnderLoad, servicePID.map { Self.rss(pid: $0) } ?? 0)
            rawBatched.append(try await rawProducer(producer, records: records, workers: connections, batch: batch))
            cpu = servicePID.map { Self.cpuSeconds(pid: $0) } ?? 0
            singles.append(try await load(client: client, url: url, token: token, bodies: singleBodies, contentType: "application/json", workers: singleConnections))
            if let servicePID { cpuPerSingle.append((Self.cpuSeconds(pid: servicePID) - cpu) / Double(singles[run - 1].requests)) }
            rawSingles.append(try await rawProducer(producer, records: records, workers: singleConnections, batch: 1))
            print(String(format: "  run %d: batches %.0f events/s, reference %.0f; single events %.0f requests/s, reference %.0f", run,
                         batched[run - 1].rate * Double(batch), rawBatched[run - 1].rate * Double(batch), singles[run - 1].rate, rawSingles[run - 1].rate))
        }
        await producer.shutdown()

        let batchRate = Bench.median(batched.map(\.rate)) * Double(batch)
        let batchP99 = Bench.median(batched.map(\.p99)) * 1000
        let singleRate = Bench.median(singles.map(\.rate))
        print("== ingest-service POST /v1/events, \(seconds) s per phase, median of \(runs) runs")
        print(String(format: "  %d-event batches, %d connections: %.0f events/s, latency p50 %.1f ms, p99 %.1f ms (aim ≤ 50 ms: %@)",
                     batch, connections, batchRate, Bench.median(batched.map(\.p50)) * 1000, batchP99, batchP99 <= 50 ? "met" : "not met"))
        print(String(format: "  reference, %d senders × %d records:  p50 %.1f ms, p99 %.1f ms", connections, batch,
                     Bench.median(rawBatched.map(\.p50)) * 1000, Bench.median(rawBatched.map(\.p99)) * 1000))
        print(String(format: "  single events, %d connections: %.0f requests/s, latency p50 %.1f ms, p99 %.1f ms (aim ≥ 15,000 requests/s: %@)",
                     singleConnections, singleRate, Bench.median(singles.map(\.p50)) * 1000, Bench.median(singles.map(\.p99)) * 1000,
                     singleRate >= 15_000 ? "met" : "not met"))
        print(String(format: "  reference, %d senders × 1 record:  p50 %.1f ms, p99 %.1f ms", singleConnections,
                     Bench.median(rawSingles.map(\.p50)) * 1000, Bench.median(rawSingles.map(\.p99)) * 1000))
        if rssUnderLoad > 0 { print(String(format: "  service RSS under load: %.0f MiB", Double(rssUnderLoad) / 1_048_576)) }
        if !cpuPerEvent.isEmpty {
            // CPU the service spent per event: steadier than a rate on a shared machine.
            print(String(format: "  service CPU: %.1f µs per event in batches, %.0f µs per single-event request",
                         Bench.median(cpuPerEvent) * 1e6, Bench.median(cpuPerSingle) * 1e6))
        }
        Bench.report(title: "HTTP ingestion vs. producing the same records straight to Kafka, \(batch)-event batches", unit: "events/s",
                     ours: ("ingest-service, \(connections) connections", batchRate),
                     reference: ("KafkaProducer, \(connections) senders, no HTTP", Bench.median(rawBatched.map(\.rate)) * Double(batch)),
                     aim: "≥ 0.5")
        Bench.report(title: "the same, one event per request", unit: "requests/s",
                     ours: ("ingest-service, \(singleConnections) connections", singleRate),
                     reference: ("KafkaProducer, \(singleConnections) senders, no HTTP", Bench.median(rawSingles.map(\.rate))),
                     aim: "≥ 15,000 requests/s absolute")
    }

    struct PhaseResult {
        var requests: Int
        var seconds: Double
        var p50: Double
        var p99: Double
        /// Requests (or sends) per second.
        var rate: Double { Double(requests) / seconds }
    }

    /// `workers` connections post bodies round-robin for `seconds`; every answer must be 202.
    private func load(client: HTTPClient, url: String, token: String?, bodies: [[UInt8]], contentType: String, workers: Int) async throws -> PhaseResult {
        var headers: HTTPHeaders = ["Content-Type": contentType]
        if let token { headers.replaceOrAdd(name: "Authorization", value: "Bearer \(token)") }
        return try await closedLoop(workers: workers) { [headers] index in
            let response = try await client.execute(HTTPRequest(method: .post, url: url + "/v1/events", headers: headers, body: bodies[index % bodies.count]))
            guard response.status == 202 else { throw ValidationError("ingest answered \(response.status): \(response.bodyText)") }
        }
    }

    /// The same records produced without HTTP: `workers` senders each send one `batch`-record
    /// slice and wait for its delivery reports before the next, as the HTTP clients do.
    private func rawProducer(_ producer: KafkaProducer, records: [KafkaProducerMessage], workers: Int, batch: Int) async throws -> PhaseResult {
        let slices = stride(from: 0, to: records.count, by: batch).map { Array(records[$0..<min($0 + batch, records.count)]) }
        return try await closedLoop(workers: workers) { index in
            for result in await producer.send(slices[index % slices.count]) {
                if case let .failure(error) = result { throw ValidationError("a record failed: \(error)") }
            }
        }
    }

    /// `workers` tasks each run `operation` (given a running index), waiting for one before the
    /// next, for `seconds`; returns the count and latency percentiles of all of them.
    private func closedLoop(workers: Int, _ operation: @escaping @Sendable (Int) async throws -> Void) async throws -> PhaseResult {
        let deadline = ContinuousClock.now + .seconds(seconds)
        let start = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var latencies: [Double] = []
                    var index = worker
                    while ContinuousClock.now < deadline {
                        let sent = ContinuousClock.now
                        try await operation(index)
                        latencies.append((ContinuousClock.now - sent).seconds)
                        index += workers
                    }
                    return latencies
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }.sorted()
        }
        return PhaseResult(requests: latencies.count, seconds: (ContinuousClock.now - start).seconds,
                           p50: latencies[latencies.count / 2], p99: latencies[min(latencies.count - 1, latencies.count * 99 / 100)])
    }

    static func event(_ index: Int) -> String {
        #"{"event_id":"\#(UUID().uuidString.lowercased())","user_id":"user_\#(index % 1000)","event_type":"play","track_id":"0VjIjW4GlUZAMYd2vXMi3b","track_name":"Blinding Lights","artist_name":"The Weeknd","album_name":"After Hours","duration_ms":200040,"played_at":"2025-11-18T14:23:15Z","device_type":"desktop"}"#
    }

    /// User + system CPU seconds of a process so far (/proc/<pid>/stat, in clock ticks of 1/100 s).
    static func cpuSeconds(pid: Int) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: afterName)...].split(separator: " ")
        // After the name: state is field 3, utime 14 and stime 15 (1-based, man 5 proc).
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / 100
    }

    static func rss(pid: Int) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return (line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0) * 1024
        }
        return 0
    }
}
