import Kafka

/// Where accepted and dead-lettered records go. Kafka in the service; a fake in unit tests of
/// the failure paths (partial delivery, queue full) that a real broker cannot stage on demand.
protocol EventPublisher: Sendable {
    /// Sends the records and returns once each has a delivery result, in input order.
    func publish(_ records: [KafkaProducerMessage]) async -> [Result<KafkaDeliveryReport, KafkaError>]
}

extension KafkaProducer: EventPublisher {
    func publish(_ records: [KafkaProducerMessage]) async -> [Result<KafkaDeliveryReport, KafkaError>] {
        await send(records)
    }
}
