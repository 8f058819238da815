/// A partition of a topic.
public struct KafkaTopicPartition: Sendable, Hashable, CustomStringConvertible {
    public let topic: String
    public let partition: Int32

    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)[\(partition)]" }
}

/// A partition with an offset: a commit position, a consumer position or a committed offset.
/// `offset` is nil where the group has none yet.
public struct KafkaTopicPartitionOffset: Sendable, Hashable {
    public let topic: String
    public let partition: Int32
    public let offset: Int64?

    public init(topic: String, partition: Int32, offset: Int64?) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }

    public var topicPartition: KafkaTopicPartition { KafkaTopicPartition(topic: topic, partition: partition) }
}

/// Low and high watermarks of a partition: the first offset kept and the next offset to be written.
public struct KafkaWatermarks: Sendable, Equatable {
    public let low: Int64
    public let high: Int64
}
