import ArgumentParser
import Foundation
import HTTPClient
import Kafka
import Logging

/// Load against a running ingest-service (`deploy/stack up`, ideally with
/// STACK_BUILD_CONFIGURATION=release): events/s with 500-event batches and requests/s with
/// single events, latency percentiles, the service's RSS, and the ratio to producing the same
/// records straight to Kafka without HTTP.
struct IngestBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "POST /v1/events throughput and latency vs. the raw Kafka producer."
    )

    @Option(help: "ingest-service base URL (default: $INGEST_URL).") var url: String?
    @Option(help: "Bearer token (default: $INGEST_TOKEN).") var token: String?
    @Option(help: "Broker list for the raw-producer reference (default: $KAFKA_BROKERS).") var brokers: String?
    @Option(help: "pid of the ingest-service, for its RSS (default: from $STACK_DIR/pids).") var pid: Int?
    @Option(help: "Seconds of load per phase.") var seconds = 10
    @Option(help: "Concurrent client connections.") var connections = 8
    @Option(help: "Events per batch request.") var batch = 500

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        guard let url = url ?? env["INGEST_URL"] else { throw ValidationError("set --url or INGEST_URL") }
        guard let brokers = brokers ?? env["KAFKA_BROKERS"] else { throw ValidationError("set --brokers or KAFKA_BROKERS") }
        let token = token ?? env["INGEST_TOKEN"]
        let servicePID = pid ?? env["STACK_DIR"].flatMap { try? String(contentsOfFile: $0 + "/pids/ingest-service.pid", encoding: .utf8) }
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let client = HTTPClient(configuration: .init(maxConcurrentRequests: connections), logger: Logger(label: "bench"))

        let events = (0..<20_000).map(Self.event)
        let batchBodies = stride(from: 0, to: events.count, by: batch).map { start in
            Array(events[start..<min(start + batch, events.count)].joined(separator: "\n").utf8)
        }
        let batches = try await load(client: client, url: url, token: token, bodies: batchBodies, contentType: "application/x-ndjson")
        let rssUnderLoad = servicePID.map { Self.rss(pid: $0) } ?? 0
        let singles = try await load(client: client, url: url, token: token, bodies: events.prefix(5_000).map { Array($0.utf8) }, contentType: "application/json")

        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: KafkaClientConfiguration(bootstrapServers: brokers)),
                                         logger: Logger(label: "bench"))
        let records = events.map { KafkaProducerMessage(topic: "user_plays", key: "user_\($0.count % 100)", value: Array($0.utf8)) }
        let rawRate = try await rawProducerRate(producer, records: records)
        await producer.shutdown()

        let eventsPerSecond = Double(batches.requests * batch) / batches.seconds
        print("== ingest-service POST /v1/events, \(connections) connections, \(seconds) s per phase")
        print(String(format: "  %d-event batches: %.0f events/s (%.0f requests/s), latency p50 %.1f ms, p99 %.1f ms",
                     batch, eventsPerSecond, Double(batches.requests) / batches.seconds, batches.p50 * 1000, batches.p99 * 1000))
        print(String(format: "  single events:     %.0f requests/s, latency p50 %.1f ms, p99 %.1f ms",
                     Double(singles.requests) / singles.seconds, singles.p50 * 1000, singles.p99 * 1000))
        if rssUnderLoad > 0 { print(String(format: "  service RSS under load: %.0f MiB", Double(rssUnderLoad) / 1_048_576)) }
        Bench.report(title: "HTTP ingestion vs. producing the same records straight to Kafka", unit: "events/s",
                     ours: ("ingest-service, \(batch)-event batches", eventsPerSecond),
                     reference: ("KafkaProducer, no HTTP (same records)", rawRate), aim: "the HTTP cost; ≥ 100,000 events/s absolute")
    }

    struct PhaseResult {
        var requests: Int
        var seconds: Double
        var p50: Double
        var p99: Double
    }

    /// `connections` workers post bodies round-robin for `seconds`; every answer must be 202.
    private func load(client: HTTPClient, url: String, token: String?, bodies: [[UInt8]], contentType: String) async throws -> PhaseResult {
        var requestHeaders: HTTPHeaders = ["Content-Type": contentType]
        if let token { requestHeaders.replaceOrAdd(name: "Authorization", value: "Bearer \(token)") }
        let deadline = ContinuousClock.now + .seconds(seconds)
        let start = ContinuousClock.now
        let connections = self.connections
        let headers = requestHeaders
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<connections {
                group.addTask {
                    var latencies: [Double] = []
                    var index = worker
                    while ContinuousClock.now < deadline {
                        let request = HTTPRequest(method: .post, url: url + "/v1/events", headers: headers, body: bodies[index % bodies.count])
                        let sent = ContinuousClock.now
                        let response = try await client.execute(request)
                        guard response.status == 202 else { throw ValidationError("ingest answered \(response.status): \(response.bodyText)") }
                        latencies.append((ContinuousClock.now - sent).seconds)
                        index += connections
                    }
                    return latencies
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }.sorted()
        }
        let elapsed = (ContinuousClock.now - start).seconds
        return PhaseResult(requests: latencies.count, seconds: elapsed,
                           p50: latencies[latencies.count / 2], p99: latencies[min(latencies.count - 1, latencies.count * 99 / 100)])
    }

    private func rawProducerRate(_ producer: KafkaProducer, records: [KafkaProducerMessage]) async throws -> Double {
        var sent = 0
        let deadline = ContinuousClock.now + .seconds(seconds)
        let start = ContinuousClock.now
        while ContinuousClock.now < deadline {
            let failures = await withTaskGroup(of: Int.self) { group in
                for chunk in stride(from: 0, to: records.count, by: batch) {
                    let slice = Array(records[chunk..<min(chunk + batch, records.count)])
                    group.addTask { await producer.send(slice).filter { if case .failure = $0 { true } else { false } }.count }
                }
                return await group.reduce(0, +)
            }
            if failures > 0 { throw ValidationError("\(failures) records failed") }
            sent += records.count
        }
        return Double(sent) / (ContinuousClock.now - start).seconds
    }

    static func event(_ index: Int) -> String {
        #"{"event_id":"\#(UUID().uuidString.lowercased())","user_id":"user_\#(index % 1000)","event_type":"play","track_id":"0VjIjW4GlUZAMYd2vXMi3b","track_name":"Blinding Lights","artist_name":"The Weeknd","album_name":"After Hours","duration_ms":200040,"played_at":"2025-11-18T14:23:15Z","device_type":"desktop"}"#
    }

    static func rss(pid: Int) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return (line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0) * 1024
        }
        return 0
    }
}
