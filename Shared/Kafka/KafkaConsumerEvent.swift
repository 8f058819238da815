/// What a consumer yields: records, and the group's partition changes in the order they happen.
public enum KafkaConsumerEvent: Sendable {
    case message(KafkaConsumerMessage)
    /// The group gave this consumer these partitions.
    case partitionsAssigned([KafkaTopicPartition])
    /// These partitions are being taken away. Every record of them has already been yielded;
    /// flush and commit what you hold for them, then call `rebalance.complete()` — until then
    /// the consumer keeps them, so nothing is handed to another member before it is committed.
    case partitionsRevoked([KafkaTopicPartition], KafkaRebalance)
}
