import Kafka

/// The parts of a consumed Kafka record the engine needs (tests build them without a broker).
struct ConsumedRecord: Sendable {
    var topic: String
    var partition: Int32
    var offset: Int64
    var key: [UInt8]?
    var value: [UInt8]
}

extension ConsumedRecord {
    init(_ message: KafkaConsumerMessage) {
        self.init(topic: message.topic, partition: message.partition, offset: message.offset, key: message.key, value: message.value)
    }
}
