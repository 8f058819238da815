/// A consumed record with its coordinates.
public struct KafkaConsumerMessage: Sendable {
    public let topic: String
    public let partition: Int32
    public let offset: Int64
    public let key: [UInt8]?
    public let value: [UInt8]
    public let headers: [KafkaHeader]
    /// Broker or producer timestamp in milliseconds since the epoch, when known.
    public let timestampMilliseconds: Int64?

    /// The offset to commit once this record is durable: Kafka commits the *next* offset to read.
    public var nextOffset: KafkaTopicPartitionOffset {
        KafkaTopicPartitionOffset(topic: topic, partition: partition, offset: offset + 1)
    }
}
