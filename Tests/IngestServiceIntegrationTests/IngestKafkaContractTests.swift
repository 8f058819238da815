import EventSchema
import Foundation
import Hummingbird
import HummingbirdTesting
import Kafka
import Logging
import ServiceRuntime
import TestSupport
import Testing

@testable import IngestService

/// ingest-service against a real broker: what Kafka holds after a 202, and what clients get
/// while the broker is frozen or restarted.
@Suite("ingest-service with a real broker", .serialized, .timeLimit(.minutes(3)), .integration)
struct IngestKafkaContractTests {
    let logger = Logger(label: "ingest-contract")

    func app(brokers: String, kafkaTimeoutMs: Int = 2_000) throws -> some ApplicationProtocol {
        try buildIngestApplication(
            IngestConfiguration(ServiceEnvironment(["KAFKA_BROKERS": brokers, "INGEST_SERVICE_KAFKA_TIMEOUT_MS": String(kafkaTimeoutMs)])),
            logger: logger
        )
    }

    func createTopics(_ brokers: String) async throws {
        let admin = try KafkaAdmin(configuration: KafkaClientConfiguration(bootstrapServers: brokers))
        try await admin.createTopics(EventTopics.all.map { .init(name: $0, partitions: 3) })
    }

    /// Reads every record of `topics` from the beginning until `count` arrived.
    func readAll(_ brokers: String, topics: [String], count: Int) async throws -> [KafkaConsumerMessage] {
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: KafkaClientConfiguration(bootstrapServers: brokers),
                                                      groupID: TestEnvironment.uniqueName("reader"), sessionTimeout: .seconds(6)),
            topics: topics, logger: logger)
        var received: [KafkaConsumerMessage] = []
        let deadline = ContinuousClock.now + .seconds(30)
        for await event in consumer.events {
            if case let .message(message) = event { received.append(message) }
            if case let .partitionsRevoked(_, rebalance) = event { rebalance.complete() }
            if received.count >= count || ContinuousClock.now > deadline { break }
        }
        await consumer.close()
        return received
    }

    @Test("after a 202 every accepted event is on its topic with key, headers and unchanged bytes; rejected ones are in events_dlq")
    func eventsLandOnTopics() async throws {
        let broker = try await TemporaryKafkaBroker.start()
        try await createTopics(broker.brokers)
        let events = EventType.allCases.map { IngestFixtures.event(user: "user_\($0.rawValue)", type: $0.rawValue) }
        let bad = #"{"event_id":"6f1c1a0e-2b9f-4d3e-9a51-6c7d8e9f0a1b","user_id":"u","event_type":"pause","track_id":"t","played_at":"2025-11-18T14:23:15Z"}"#
        try await app(brokers: broker.brokers).test(.router) { client in
            let reply = try await client.postEvents((events + [bad]).joined(separator: "\n"), contentType: "application/x-ndjson")
            #expect(reply.status == .accepted)
            #expect(reply.accepted == 4 && reply.rejected == 1)
        }
        let records = try await readAll(broker.brokers, topics: EventTopics.all, count: 5)
        #expect(records.count == 5)
        for (type, body) in zip(EventType.allCases, events) {
            let record = try #require(records.first { $0.topic == type.kafkaTopic })
            #expect(record.value == Array(body.utf8))
            #expect(record.key == Array("user_\(type.rawValue)".utf8))
            #expect(record.headers.value(forKey: "event_type") == type.rawValue)
            #expect(record.headers.value(forKey: "schema_version") == "1")
        }
        let letter = try #require(records.first { $0.topic == "events_dlq" })
        #expect(letter.value == Array(bad.utf8))
        #expect(letter.headers.value(forKey: "reason")?.hasPrefix("event_type:") == true)
        #expect(letter.headers.value(forKey: "source_service") == "ingest-service")
    }

    @Test("broker frozen: 503 with Retry-After within the bound; thawed: 202 again without a restart")
    func brokerPaused() async throws {
        let broker = try await TemporaryKafkaBroker.start()
        try await createTopics(broker.brokers)
        try await app(brokers: broker.brokers, kafkaTimeoutMs: 2_000).test(.router) { client in
            #expect(try await client.postEvents(IngestFixtures.event()).status == .accepted)
            try broker.pause()
            let start = ContinuousClock.now
            let refused = try await client.postEvents(IngestFixtures.event())
            let elapsed = ContinuousClock.now - start
            broker.resume()
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.headers[.retryAfter] != nil)
            #expect(elapsed < .seconds(10), "answered after \(elapsed); the bound is the 2 s Kafka timeout, a hang would never answer")
            let recovered = try await eventually { try await client.postEvents(IngestFixtures.event()).status == .accepted }
            #expect(recovered)
        }
    }

    @Test("broker restarted: ingestion recovers without restarting the service")
    func brokerRestarted() async throws {
        let broker = try await TemporaryKafkaBroker.start()
        try await createTopics(broker.brokers)
        try await app(brokers: broker.brokers, kafkaTimeoutMs: 2_000).test(.router) { client in
            #expect(try await client.postEvents(IngestFixtures.event()).status == .accepted)
            try await broker.stop()
            #expect(try await client.postEvents(IngestFixtures.event()).status == .serviceUnavailable)
            try await broker.start()
            try await createTopics(broker.brokers)  // memory storage: a restarted broker is empty
            let recovered = try await eventually { try await client.postEvents(IngestFixtures.event()).status == .accepted }
            #expect(recovered)
        }
    }
}

/// Retries `condition` for up to `timeout`; true once it held.
func eventually(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(250))
    }
    return false
}
