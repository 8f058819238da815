import EventSchema
import Foundation
import Kafka
import Logging
import TestSupport

/// Events to produce and the independent readers (pyarrow, DuckDB) that check the lake.
enum LakeFixture {
    static let logger = Logger(label: "lake-writer-tests")

    /// `count` valid events spread over the four topics and over `hours` event hours, plus one
    /// poison record per topic (not JSON) that must go to events_dlq and be committed past.
    static func produce(count: Int, brokers: String, hours: Int = 3, poison: Bool = true, startIndex: Int = 0) async throws {
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: KafkaClientConfiguration(bootstrapServers: brokers)), logger: logger)
        let base: Int64 = 1_763_470_800_000_000 // 2025-11-18T13:00:00Z
        var batch: [KafkaProducerMessage] = []
        func send() async throws {
            for result in await producer.send(batch) { _ = try result.get() }
            batch.removeAll(keepingCapacity: true)
        }
        for i in startIndex..<(startIndex + count) {
            let type = EventType.allCases[i % EventType.allCases.count]
            let playedAt = base + Int64(i % hours) * 3_600_000_000 + Int64(i % 3_000) * 1_000_000
            let event = ListeningEvent(
                eventID: UUID(), userID: "user_\(i % 97)", eventType: type, trackID: "track\(i % 500)",
                playedAt: EventTimestamp(microsecondsSinceEpoch: playedAt),
                trackName: type == .play ? "Song \(i % 500)" : nil, artistName: type == .play ? "Artist \(i % 50)" : nil,
                durationMs: type == .play ? 180_000 + i % 1000 : nil, deviceType: i % 2 == 0 ? .mobile : nil
            )
            batch.append(KafkaProducerMessage(topic: type.kafkaTopic, key: event.userID, value: event.canonicalJSON()))
            if poison && i == startIndex + count / 2 {
                for topic in EventTopics.eventTopics { batch.append(KafkaProducerMessage(topic: topic, key: "x", value: Array("not json {".utf8))) }
            }
            if batch.count >= 5_000 { try await send() }
        }
        try await send()
        await producer.shutdown()
    }

    static func createTopics(brokers: String, partitions: Int = 3) async throws {
        let admin = try KafkaAdmin(configuration: KafkaClientConfiguration(bootstrapServers: brokers))
        try await admin.createTopics(EventTopics.all.map { .init(name: $0, partitions: partitions) })
    }

    /// Reads the lake with pyarrow (hive-partitioned dataset) and DuckDB; returns their JSON report.
    static func inspect(lakeRoot: String? = nil, s3: (endpoint: String, bucket: String, accessKey: String, secretKey: String)? = nil) throws -> [String: Any] {
        let script = #"""
import json, os, sys, collections, datetime
import pyarrow.dataset as ds, pyarrow.fs as pafs, duckdb
root = os.environ.get("LAKE_ROOT")
endpoint = os.environ.get("S3_ENDPOINT_URL")
if endpoint:
    fs = pafs.S3FileSystem(endpoint_override=endpoint.replace("http://", ""), access_key=os.environ["AWS_ACCESS_KEY_ID"], secret_key=os.environ["AWS_SECRET_ACCESS_KEY"], region="us-east-1", scheme="http", allow_bucket_creation=False)
    base = os.environ["BUCKET"] + "/bronze"
else:
    fs = None
    base = root + "/bronze"
report = {"rows": 0, "distinct": 0, "misplaced": 0, "files": 0, "duckdb_rows": 0}
seen = collections.Counter()
for dataset in ["plays", "skips", "likes", "now_playing"]:
    path = base + "/" + dataset
    try:
        d = ds.dataset(path, format="parquet", partitioning="hive", filesystem=fs)
    except (FileNotFoundError, OSError):
        continue
    report["files"] += len(d.files)
    t = d.to_table()
    report["rows"] += t.num_rows
    for row in t.select(["_kafka_partition", "_kafka_offset", "played_at", "year", "month", "day", "hour", "event_type"]).to_pylist():
        seen[(dataset, row["_kafka_partition"], row["_kafka_offset"])] += 1
        p = row["played_at"].astimezone(datetime.timezone.utc)
        if (p.year, p.month, p.day, p.hour) != (int(row["year"]), int(row["month"]), int(row["day"]), int(row["hour"])):
            report["misplaced"] += 1
    if fs is None:
        report["duckdb_rows"] += duckdb.sql(f"select count(*) from read_parquet('{path}/**/*.parquet', hive_partitioning=true)").fetchall()[0][0]
report["distinct"] = len(seen)
report["duplicates"] = report["rows"] - report["distinct"]
print(json.dumps(report))
"""#
        var env = ProcessInfo.processInfo.environment
        if let lakeRoot { env["LAKE_ROOT"] = lakeRoot }
        if let s3 {
            env["S3_ENDPOINT_URL"] = s3.endpoint
            env["BUCKET"] = s3.bucket
            env["AWS_ACCESS_KEY_ID"] = s3.accessKey
            env["AWS_SECRET_ACCESS_KEY"] = s3.secretKey
        }
        let result = try Subprocess.run(try TestEnvironment.python(), ["-c", script], environment: env)
        guard result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw InspectionFailed(output: result.stderr + result.stdout)
        }
        return object
    }

    struct InspectionFailed: Error, CustomStringConvertible {
        let output: String
        var description: String { "lake inspection failed: \(output)" }
    }

    /// A duration in seconds, to a tenth, as reports quote it.
    static func seconds(_ duration: Duration) -> Double {
        let (whole, atto) = duration.components
        return ((Double(whole) + Double(atto) / 1e18) * 10).rounded() / 10
    }

    /// Writes a figure's report to `$STACK_DIR/logs/NAME.json` when the stack's folder is known
    /// (deploy/stack test exports it), so the README quotes a file a command wrote.
    static func writeReport(_ report: [String: Any], name: String) throws {
        guard let stack = ProcessInfo.processInfo.environment["STACK_DIR"], !stack.isEmpty else { return }
        let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: stack + "/logs/" + name + ".json"))
    }
}
