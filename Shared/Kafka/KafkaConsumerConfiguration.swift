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

    public init(
        client: KafkaClientConfiguration,
        groupID: String,
        startFromEarliest: Bool = true,
        sessionTimeout: Duration = .seconds(10),
        heartbeatInterval: Duration = .seconds(1),
        bufferCapacity: Int = 10_000
    ) {
        self.client = client
        self.groupID = groupID
        self.startFromEarliest = startFromEarliest
        self.sessionTimeout = sessionTimeout
        self.heartbeatInterval = heartbeatInterval
        self.bufferCapacity = bufferCapacity
    }

    var librdkafkaProperties: [String: String] {
        client.librdkafkaProperties(defaults: [
            "group.id": groupID,
            "enable.auto.commit": "false",
            "enable.auto.offset.store": "false",
            "auto.offset.reset": startFromEarliest ? "earliest" : "latest",
            "session.timeout.ms": String(sessionTimeout.milliseconds),
            "heartbeat.interval.ms": String(heartbeatInterval.milliseconds),
            "enable.partition.eof": "false",
        ])
    }
}
