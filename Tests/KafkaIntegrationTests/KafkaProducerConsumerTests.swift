import Foundation
import Kafka
import TestSupport
import Testing

/// Against the real broker of `deploy/stack test` (KAFKA_BROKERS).
@Suite("Kafka producer and consumer group", .timeLimit(.minutes(3)), .integration)
struct KafkaProducerConsumerTests {
    @Test("10,000 keyed records produced are all consumed in a group with manual commits")
    func produceAndConsumeTenThousand() async throws {
        let cluster = try KafkaTestCluster()
        let topic = try await cluster.makeTopic()
        let producer = try cluster.producer()
        let reports = try await cluster.produceNumbered(10_000, to: topic, using: producer)
        #expect(reports.count == 10_000)
        #expect(Set(reports.map(\.partition)).count > 1, "keys spread over several partitions")

        let consumer = try cluster.consumer(group: "g-\(topic)", topics: [topic])
        let received = try await consume(consumer, count: 10_000)
        await consumer.close()

        #expect(received.count == 10_000)
        let indices = Set(received.map { $0.headers.value(forKey: "index").flatMap { Int($0) } ?? -1 })
        #expect(indices == Set(0..<10_000))
        for message in received.prefix(50) {
            let index = Int(message.headers.value(forKey: "index")!)!
            #expect(message.value == Array("record-\(index)".utf8))
            #expect(message.key == Array("user_\(index % 97)".utf8))
            #expect(message.headers.value(forKey: "event_type") == "play")
        }
        // Same key, same partition: per-user order is what downstream relies on.
        let partitionsPerKey = Dictionary(grouping: received, by: { $0.key! }).mapValues { Set($0.map(\.partition)).count }
        #expect(partitionsPerKey.values.allSatisfy { $0 == 1 })
        await producer.shutdown()
    }

    @Test("a consumer stopped halfway and resumed with the same group loses nothing")
    func resumeAfterStop() async throws {
        let cluster = try KafkaTestCluster()
        let topic = try await cluster.makeTopic(partitions: 3)
        let producer = try cluster.producer()
        _ = try await cluster.produceNumbered(2_000, to: topic, using: producer)
        let group = "g-\(topic)"

        let first = try cluster.consumer(group: group, topics: [topic])
        let firstHalf = try await consume(first, count: 1_000)
        await first.close()

        let second = try cluster.consumer(group: group, topics: [topic])
        let secondHalf = try await consume(second, count: 1_000)
        await second.close()

        let all = (firstHalf + secondHalf).map { Int($0.headers.value(forKey: "index")!)! }
        #expect(Set(all) == Set(0..<2_000), "every record seen once across the restart")
        #expect(all.count == 2_000, "committed offsets mean no record is read twice after a clean stop")
        await producer.shutdown()
    }

    @Test("two consumers in one group split the partitions between them")
    func twoConsumersSplitPartitions() async throws {
        let cluster = try KafkaTestCluster()
        let topic = try await cluster.makeTopic(partitions: 6)
        let producer = try cluster.producer()
        _ = try await cluster.produceNumbered(3_000, to: topic, using: producer)
        let group = "g-\(topic)"
        let a = try cluster.consumer(group: group, topics: [topic])
        let b = try cluster.consumer(group: group, topics: [topic])

        // Each consumer reads until the group has seen everything; partitions must not overlap.
        let seen = SeenRecords()
        async let fromA = consumeShare(a, seen: seen, total: 3_000)
        async let fromB = consumeShare(b, seen: seen, total: 3_000)
        let (partitionsA, partitionsB) = try await (fromA, fromB)
        await a.close()
        await b.close()

        #expect(seen.count == 3_000)
        #expect(!partitionsA.isEmpty && !partitionsB.isEmpty, "both members got work")
        #expect(partitionsA.isDisjoint(with: partitionsB))
        #expect(partitionsA.union(partitionsB).count == 6)
        await producer.shutdown()
    }

    @Test("commits are visible through committed(), watermarks give the lag")
    func committedAndWatermarks() async throws {
        let cluster = try KafkaTestCluster()
        let topic = try await cluster.makeTopic(partitions: 1)
        let producer = try cluster.producer()
        _ = try await cluster.produceNumbered(100, to: topic, using: producer)
        let consumer = try cluster.consumer(group: "g-\(topic)", topics: [topic])
        let received = try await consume(consumer, count: 100)
        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        let committed = try await consumer.committed([partition])
        #expect(committed.first?.offset == received.last!.offset + 1)
        let watermarks = try #require(consumer.cachedWatermarks(partition))
        #expect(watermarks.high == received.last!.offset + 1, "lag = high - committed = 0")
        await consumer.close()
        await producer.shutdown()
    }
}

/// Counts distinct records seen by several group members.
final class SeenRecords: @unchecked Sendable {
    private let lock = NSLock()
    private var indices = Set<Int>()

    func insert(_ index: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        indices.insert(index)
        return indices.count
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return indices.count
    }
}

/// Reads from one member until the whole group has seen `total` records; returns the partitions it read.
private func consumeShare(_ consumer: KafkaConsumer, seen: SeenRecords, total: Int) async throws -> Set<Int32> {
    try await withThrowingTaskGroup(of: Set<Int32>?.self) { group in
        group.addTask {
            var partitions = Set<Int32>()
            for await event in consumer.events {
                switch event {
                case let .message(message):
                    partitions.insert(message.partition)
                    try await consumer.commit([message.nextOffset])
                    if seen.insert(Int(message.headers.value(forKey: "index")!)!) >= total { return partitions }
                case let .partitionsRevoked(_, rebalance):
                    partitions.removeAll()  // whatever was read before a rebalance may be re-assigned
                    rebalance.complete()
                case .partitionsAssigned:
                    break
                }
                if seen.count >= total { return partitions }
            }
            return partitions
        }
        group.addTask {
            // Poll the shared count so a member with no more records stops when the other finishes.
            while seen.count < total && !Task.isCancelled { try? await Task.sleep(for: .milliseconds(100)) }
            return nil
        }
        var result = Set<Int32>()
        while let next = try await group.next() {
            if let partitions = next { result = partitions }
            // The group has everything: stop this member's iteration too.
            if seen.count >= total { group.cancelAll() }
        }
        return result
    }
}
