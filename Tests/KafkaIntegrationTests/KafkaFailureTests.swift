import Foundation
import Kafka
import Logging
import TestSupport
import Testing

@Suite("Kafka failures give typed errors in bounded time", .integration)
struct KafkaFailureTests {
    let logger = Logger(label: "kafka-failure-tests")

    @Test("an unreachable broker fails delivery with a transient error within the delivery timeout")
    func unreachableBroker() async throws {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(client: KafkaClientConfiguration(bootstrapServers: "127.0.0.1:1"), deliveryTimeout: .seconds(2)),
            logger: logger
        )
        let start = ContinuousClock.now
        let result = await producer.send([KafkaProducerMessage(topic: "user_plays", key: "u", value: [1, 2, 3])])
        let elapsed = ContinuousClock.now - start
        let error = try #require(result.first.flatMap { if case let .failure(e) = $0 { e } else { nil } })
        #expect(error.isTransient, "got \(error)")
        #expect(elapsed < .seconds(12))  // the 2 s delivery timeout, with room for a loaded machine
        await producer.shutdown(timeout: .milliseconds(100))
    }

    @Test("a full local queue is refused at once with .queueFull")
    func queueFull() async throws {
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(
                client: KafkaClientConfiguration(bootstrapServers: "127.0.0.1:1"), deliveryTimeout: .seconds(2), maxQueuedMessages: 5
            ),
            logger: logger
        )
        let messages = (0..<20).map { KafkaProducerMessage(topic: "user_plays", key: "u\($0)", value: [UInt8]("x".utf8)) }
        let results = await producer.send(messages)
        let queueFull = results.filter { if case let .failure(e) = $0 { e.code == .queueFull } else { false } }
        #expect(queueFull.count == 15, "5 fit in the queue, 15 are refused")
        await producer.shutdown(timeout: .milliseconds(100))
    }

    @Test("a misspelt librdkafka property is a configuration error naming it")
    func badProperty() throws {
        let error = #expect(throws: KafkaError.self) {
            try KafkaProducer(
                configuration: KafkaProducerConfiguration(client: KafkaClientConfiguration(bootstrapServers: "127.0.0.1:1", properties: ["acks.typo": "1"])),
                logger: logger
            )
        }
        #expect(error?.code == .configuration)
        #expect(error?.message.contains("acks.typo") == true)
    }

    @Test("topic creation is idempotent and metadata lists the topic with its partitions")
    func createTopicsIdempotent() async throws {
        let cluster = try KafkaTestCluster()
        let topic = try await cluster.makeTopic(partitions: 4)
        try await cluster.admin.createTopics([.init(name: topic, partitions: 4)])
        let topics = try await cluster.admin.topics()
        #expect(topics[topic] == 4)
    }
}
