import ArgumentParser
import Foundation
import Kafka
import Logging

/// The Kafka wrapper's producer against librdkafka driven without it (confluent-kafka in
/// Python is librdkafka plus a thin binding), same broker, same record size, same settings.
struct KafkaProduceBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafka-produce",
        abstract: "Records/s through KafkaProducer vs. confluent-kafka (librdkafka) on the same broker."
    )

    @Option(help: "Broker list (default: $KAFKA_BROKERS).")
    var brokers: String?
    @Option(help: "Records per run.")
    var records = 200_000
    @Option(help: "Value size in bytes.")
    var size = 300
    @Option(help: "Timed runs of each side; the median is reported.")
    var runs = 3
    @Option(help: "Python with confluent-kafka (default: $STACK_PYTHON).")
    var python: String?

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        guard let brokers = brokers ?? env["KAFKA_BROKERS"] else { throw ValidationError("set --brokers or KAFKA_BROKERS") }
        guard let python = python ?? env["STACK_PYTHON"] else { throw ValidationError("set --python or STACK_PYTHON") }
        let admin = try KafkaAdmin(configuration: KafkaClientConfiguration(bootstrapServers: brokers))
        let topic = "bench_produce_\(UInt32.random(in: 0...UInt32.max))"
        try await admin.createTopics([.init(name: topic, partitions: 6)])
        let value = [UInt8](repeating: UInt8(ascii: "x"), count: size)
        let messages = (0..<records).map { KafkaProducerMessage(topic: topic, key: "user_\($0 % 1000)", value: value) }

        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(client: KafkaClientConfiguration(bootstrapServers: brokers), maxQueuedMessages: 1_000_000),
            logger: Logger(label: "bench")
        )
        let ours = try await Bench.time(runs: runs) {
            // Several batches in flight, as a busy ingest-service has.
            let failures = await withTaskGroup(of: Int.self) { group in
                for chunk in stride(from: 0, to: messages.count, by: 5_000) {
                    let slice = Array(messages[chunk..<min(chunk + 5_000, messages.count)])
                    group.addTask { await producer.send(slice).filter { if case .failure = $0 { true } else { false } }.count }
                }
                return await group.reduce(0, +)
            }
            if failures > 0 { throw ValidationError("\(failures) records failed") }
        }
        await producer.shutdown()

        let script = """
        import sys, time
        from confluent_kafka import Producer
        brokers, topic, n, size, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
        p = Producer({"bootstrap.servers": brokers, "acks": "all", "enable.idempotence": True,
                      "linger.ms": 5, "compression.type": "lz4", "queue.buffering.max.messages": 1000000})
        value = b"x" * size
        keys = [("user_%d" % (i % 1000)).encode() for i in range(n)]
        def once():
            for k in keys:
                while True:
                    try:
                        p.produce(topic, value, k); break
                    except BufferError:
                        p.poll(0.001)
                p.poll(0)
            p.flush()
        once()
        for _ in range(runs):
            t = time.perf_counter(); once(); print(time.perf_counter() - t)
        """
        let output = try runPython(python, script: script, arguments: [brokers, topic, String(records), String(size), String(runs)])
        let reference = output.split(separator: "\n").compactMap { Double($0) }
        guard reference.count == runs else { throw ValidationError("unexpected reference output: \(output)") }

        Bench.report(
            title: "Kafka produce, \(records) records of \(size) B, acks=all, idempotent, lz4 (median of \(runs))",
            unit: "records/s",
            ours: ("KafkaProducer (Swift wrapper)", Double(records) / Bench.median(ours)),
            reference: ("confluent-kafka (librdkafka, Python)", Double(records) / Bench.median(reference)),
            aim: "≥ 0.8"
        )
    }
}

/// Runs a Python snippet and returns its stdout; a failure carries its stderr.
func runPython(_ python: String, script: String, arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ValidationError("python failed: \(String(decoding: errors, as: UTF8.self))")
    }
    return String(decoding: data, as: UTF8.self)
}
