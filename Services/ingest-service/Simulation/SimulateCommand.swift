import ArgumentParser
import Foundation
import HTTPClient
import IngestAPI
import Kafka
import ListeningSimulation
import Logging
import ServiceRuntime

/// `ingest-service simulate`: realistic listening traffic from the command line, into an
/// ingest-service over HTTP or straight into Kafka (validated the same way either way).
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest-service simulate",
        abstract: "Send simulated listening events (deterministic for a given seed and --end)."
    )

    @Option(help: "How many events to send, dirty ones included.") var events = 50_000
    @Option(help: "How many distinct listeners.") var users = 200
    @Option(help: "Random seed: the same seed, settings and --end give the same events.") var seed: UInt64 = 42
    @Option(help: "Events per second; 0 sends as fast as the target takes them.") var rate: Double = 0
    @Option(help: "http (to INGEST_URL, with INGEST_TOKEN), kafka (to KAFKA_BROKERS) or stdout (NDJSON).") var target = "http"
    @Option(help: "Days of listening the events cover, ending at --end.") var days = 7
    @Option(help: "Share of deliberately dirty events (0...0.5).") var dirtyShare = 0.03
    @Option(help: "Latest played_at, RFC 3339 (default: now).") var end: String?
    @Option(help: "Events per request or Kafka batch.") var batchSize = 500

    func run() async throws {
        let env = ServiceEnvironment()
        var logger = Logger(label: "simulate") { StreamLogHandler.standardError(label: $0) }
        if target == "stdout" { logger.logLevel = .warning }
        var endDate = Date()
        if let end {
            guard let parsed = ISO8601DateFormatter().date(from: end) else { throw ValidationError("--end must be an RFC 3339 timestamp such as 2025-11-18T14:00:00Z") }
            endDate = parsed
        }
        let settings = SimulationSettings(events: events, users: users, seed: seed, end: endDate, days: days, dirtyShare: dirtyShare)
        let sink: any SimulationSink
        var producer: KafkaProducer?
        switch target {
        case "http":
            sink = HTTPSimulationSink(ingest: IngestClient(
                client: HTTPClient(logger: logger), ingestURL: try env.httpURL("INGEST_URL"), token: try env.token("INGEST_TOKEN"),
                retryPolicy: HTTPSimulationSink.retryPolicy, timeout: HTTPSimulationSink.timeout, logger: logger))
        case "kafka":
            let kafka = try KafkaProducer(
                configuration: KafkaProducerConfiguration(client: KafkaClientConfiguration(
                    bootstrapServers: try env.kafkaBrokers(), clientID: "simulator",
                    properties: try env.kafkaProperties(check: KafkaClientConfiguration.checkProperty))),
                logger: logger)
            producer = kafka
            sink = IngestorSimulationSink(ingestor: EventIngestor(
                publisher: kafka, limits: IngestLimits(maxBodyBytes: .max, maxBatchEvents: .max),
                duplicates: RecentEventIDs(window: .seconds(600)), metrics: IngestMetrics()))
        case "stdout":
            sink = StdoutSimulationSink()
        default:
            throw ValidationError("--target must be http, kafka or stdout, not \(target)")
        }
        let runner = SimulationRunner(settings: settings, rate: rate, batchSize: batchSize, sink: sink, logger: logger)
        let report: SimulationRunner.Report
        // Progress on stderr: a line rewritten in place on a terminal, a plain line every 5 s elsewhere.
        let progress = ProgressReporter(label: "simulate", unit: "events", total: events)
        do {
            report = try await runner.run { progress.update($0.sent, detail: "\($0.accepted) accepted, \($0.rejected) rejected") }
            progress.finish(report.sent, detail: "\(report.accepted) accepted, \(report.rejected) rejected")
        } catch let error as SimulationSettingsError {
            throw ValidationError(error.description)
        }
        await producer?.shutdown()
        // The summary goes to stderr so `--target stdout` output stays pure NDJSON.
        let summary = String(format: "sent %d events: %d accepted, %d rejected, in %.1f s (%.0f events/s)\n",
                             report.sent, report.accepted, report.rejected, report.seconds, Double(report.sent) / max(report.seconds, 0.001))
        FileHandle.standardError.write(Data(summary.utf8))
    }
}
