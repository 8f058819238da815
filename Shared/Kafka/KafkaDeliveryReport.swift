/// Where the broker stored an acknowledged record.
public struct KafkaDeliveryReport: Sendable, Equatable {
    public let topic: String
    public let partition: Int32
    public let offset: Int64
}
