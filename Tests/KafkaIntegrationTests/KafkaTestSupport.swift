import Kafka
import Logging
import TestSupport

/// A fresh topic on the stack's broker for one test, so tests can run in parallel.
struct KafkaTestCluster {
    let brokers: String
    let admin: KafkaAdmin
    let logger = Logger(label: "kafka-tests")

    init() throws {
        brokers = try TestEnvironment.require("KAFKA_BROKERS")
        admin = try KafkaAdmin(configuration: KafkaClientConfiguration(bootstrapServers: brokers))
    }

    func makeTopic(partitions: Int = 6) async throws -> String {
        let name = TestEnvironment.uniqueName("test_topic")
        try await admin.createTopics([.init(name: name, partitions: partitions)])
        return name
    }

    func producer(deliveryTimeout: Duration = .seconds(10)) throws -> KafkaProducer {
        try KafkaProducer(
            configuration: KafkaProducerConfiguration(client: KafkaClientConfiguration(bootstrapServers: brokers), deliveryTimeout: deliveryTimeout),
            logger: logger
        )
    }

    /// Session settings recommended for Tansu: its first assignment waits session.timeout/2.
    func consumer(group: String, topics: [String], bufferCapacity: Int = 10_000) throws -> KafkaConsumer {
        try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: KafkaClientConfiguration(bootstrapServers: brokers),
                groupID: group,
                sessionTimeout: .seconds(6),
                heartbeatInterval: .seconds(1),
                bufferCapacity: bufferCapacity
            ),
            topics: topics,
            logger: logger
        )
    }

    /// Produces `count` keyed records `0..<count` with a header; returns their delivery reports.
    func produceNumbered(_ count: Int, to topic: String, using producer: KafkaProducer) async throws -> [KafkaDeliveryReport] {
        let messages = (0..<count).map { index in
            KafkaProducerMessage(topic: topic, key: "user_\(index % 97)", value: Array("record-\(index)".utf8),
                                 headers: [KafkaHeader(key: "event_type", string: "play"), KafkaHeader(key: "index", string: String(index))])
        }
        return try await producer.send(messages).map { try $0.get() }
    }
}

/// Consumes until `count` records arrived or `timeout` passed, committing after each record
/// when `commit` is set; completes revocations as they come.
func consume(
    _ consumer: KafkaConsumer, count: Int, timeout: Duration = .seconds(60), commit: Bool = true
) async throws -> [KafkaConsumerMessage] {
    try await withThrowingTaskGroup(of: [KafkaConsumerMessage]?.self) { group in
        group.addTask {
            var received: [KafkaConsumerMessage] = []
            var pending: [KafkaTopicPartition: KafkaTopicPartitionOffset] = [:]
            for await event in consumer.events {
                switch event {
                case let .message(message):
                    received.append(message)
                    pending[message.nextOffset.topicPartition] = message.nextOffset
                    if commit && (pending.count >= 6 || received.count == count || received.count % 500 == 0) {
                        try await consumer.commit(Array(pending.values))
                        pending.removeAll()
                    }
                    if received.count == count { return received }
                case .partitionsAssigned:
                    break
                case let .partitionsRevoked(_, rebalance):
                    if commit { try await consumer.commit(Array(pending.values)) }
                    pending.removeAll()
                    rebalance.complete()
                }
            }
            return received
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        let first = try await group.next()!
        group.cancelAll()
        guard let first else {
            throw KafkaTestTimeout(description: "no \(count) records within \(timeout)")
        }
        return first
    }
}

struct KafkaTestTimeout: Error, CustomStringConvertible {
    let description: String
}
