/// Consumer-group settings. Offsets are never committed automatically: the caller commits
/// explicitly once what it consumed is durable, which is what at-least-once needs.
public struct KafkaConsumerConfiguration: Sendable {
    public var client: KafkaClientConfiguration
    public var groupID: String
    /// Where a group with no committed offset starts (`auto.offset.reset`).
    public var startFromEarliest: Bool
    public var sessionTimeout: Duration
    public var heartbeatInterval: Duration
    /// How many messages may wait between the poll thread and the caller before polling pauses.
    public var bufferCapacity: Int
    /// Bytes of records librdkafka fetches ahead of the caller (`queued.max.messages.kbytes`);
    /// nil keeps librdkafka's 64 MiB. It holds more than this in memory: a fetched message set
    /// stays allocated, decompressed, until its last record is taken.
    public var prefetchBytes: Int?

    public init(
        client: KafkaClientConfiguration,
        groupID: String,
        startFromEarliest: Bool = true,
        sessionTimeout: Duration = .seconds(10),
        heartbeatInterval: Duration = .seconds(1),
        bufferCapacity: Int = 10_000,
        prefetchBytes: Int? = nil
    ) {
        self.client = client
        self.groupID = groupID
        self.startFromEarliest = startFromEarliest
        self.sessionTimeout = sessionTimeout
        self.heartbeatInterval = heartbeatInterval
        self.bufferCapacity = bufferCapacity
        self.prefetchBytes = prefetchBytes
    }

    var librdkafkaProperties: [String: String] {
        var defaults = [
            "group.id": groupID,
            "enable.auto.commit": "false",
            "enable.auto.offset.store": "false",
            "auto.offset.reset": startFromEarliest ? "earliest" : "latest",
            "session.timeout.ms": String(sessionTimeout.milliseconds),
            "heartbeat.interval.ms": String(heartbeatInterval.milliseconds),
            "enable.partition.eof": "false",
            // Once a partition's prefetch queue is full, librdkafka waits this long before it
            // fetches for it again (default 1 s), so a caller faster than one fetch a second, or
            // one that paused (lake-writer writing files), waits for records. With it at 10 ms the
            // consumer alone drained platform-bench lake-writer's backlogs 2.1–4.1× faster
            // (docs/reports/lake-writer-shapes-2026-12-06.txt against -columnar.txt).
            "fetch.queue.backoff.ms": "10",
        ]
        if let prefetchBytes { defaults["queued.max.messages.kbytes"] = String(max(1, prefetchBytes / 1024)) }
        return client.librdkafkaProperties(defaults: defaults)
    }
}
