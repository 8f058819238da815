import Testing
@testable import Kafka

@Suite("Consumer settings handed to librdkafka")
struct ConsumerConfigurationTests {
    let client = KafkaClientConfiguration(bootstrapServers: "127.0.0.1:9092")

    /// A full prefetch queue makes librdkafka wait fetch.queue.backoff.ms (1 s by default)
    /// before fetching again; the wrapper shortens it, and sizes the queue only when asked.
    @Test func prefetchIsSizedOnlyWhenAskedAndRefetchesQuickly() {
        let plain = KafkaConsumerConfiguration(client: client, groupID: "g").librdkafkaProperties
        #expect(plain["fetch.queue.backoff.ms"] == "10")
        #expect(plain["queued.max.messages.kbytes"] == nil, "librdkafka's own default stays")
        let sized = KafkaConsumerConfiguration(client: client, groupID: "g", prefetchBytes: 16 << 20).librdkafkaProperties
        #expect(sized["queued.max.messages.kbytes"] == "16384")
        #expect(sized["group.id"] == "g" && sized["enable.auto.commit"] == "false")
    }

    @Test func propertiesGivenByNameOverrideTheDefaults() {
        let tuned = KafkaClientConfiguration(bootstrapServers: "127.0.0.1:9092",
                                             properties: ["fetch.queue.backoff.ms": "250", "queued.max.messages.kbytes": "4096"])
        let properties = KafkaConsumerConfiguration(client: tuned, groupID: "g", prefetchBytes: 16 << 20).librdkafkaProperties
        #expect(properties["fetch.queue.backoff.ms"] == "250")
        #expect(properties["queued.max.messages.kbytes"] == "4096")
    }
}
