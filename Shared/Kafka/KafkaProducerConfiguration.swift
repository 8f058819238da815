/// Producer settings. Defaults follow docs/CONTRACT.md: `acks=all` and idempotence, so a delivery report
/// of success means every in-sync replica has the message and a retry never duplicates it.
public struct KafkaProducerConfiguration: Sendable {
    public var client: KafkaClientConfiguration
    /// How long a message may wait for acknowledgement before its delivery fails (`message.timeout.ms`).
    public var deliveryTimeout: Duration
    /// At most this many messages wait in the local queue; beyond it `send` fails with `.queueFull`.
    public var maxQueuedMessages: Int
    /// How long the producer waits to fill a batch (`linger.ms`).
    public var linger: Duration

    public init(
        client: KafkaClientConfiguration,
        deliveryTimeout: Duration = .seconds(30),
        maxQueuedMessages: Int = 100_000,
        linger: Duration = .milliseconds(5)
    ) {
        self.client = client
        self.deliveryTimeout = deliveryTimeout
        self.maxQueuedMessages = maxQueuedMessages
        self.linger = linger
    }

    var librdkafkaProperties: [String: String] {
        client.librdkafkaProperties(defaults: [
            "acks": "all",
            "enable.idempotence": "true",
            "message.timeout.ms": String(deliveryTimeout.milliseconds),
            "queue.buffering.max.messages": String(maxQueuedMessages),
            "linger.ms": String(linger.milliseconds),
            "compression.type": "lz4",
        ])
    }
}

extension Duration {
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
