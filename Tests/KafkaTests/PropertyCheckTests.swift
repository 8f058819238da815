import Testing
@testable import Kafka

@Suite("librdkafka property checks at start")
struct PropertyCheckTests {
    @Test func acceptedPropertiesPass() throws {
        try KafkaClientConfiguration.checkProperty("security.protocol", "SSL")
        try KafkaClientConfiguration.checkProperty("sasl.mechanisms", "PLAIN")
        try KafkaClientConfiguration.checkProperty("sasl.password", "any text is a valid password")
    }

    @Test func anUnknownNameIsRefusedWithTheNameInLibrdkafkasWords() throws {
        let error = #expect(throws: KafkaError.self) { try KafkaClientConfiguration.checkProperty("security.protocl", "SSL") }
        #expect(error?.code == .configuration)
        #expect(error?.message.contains("security.protocl") == true)
        #expect(error?.message.contains("No such configuration property") == true)
    }

    @Test func aBadValueIsRefused() throws {
        let error = #expect(throws: KafkaError.self) { try KafkaClientConfiguration.checkProperty("security.protocol", "SSLL") }
        #expect(error?.message.contains("security.protocol") == true)
        #expect(error?.message.contains("SSLL") == true, "not a secret: the value helps")
    }

    /// librdkafka's reason may quote the value; a property that can hold a secret shows neither.
    @Test func aSecretsValueIsNeverInTheError() throws {
        let error = #expect(throws: KafkaError.self) { try KafkaClientConfiguration.checkProperty("ssl.key.passwrd", "hunter2-secret") }
        #expect(error?.message.contains("ssl.key.passwrd") == true)
        #expect(error?.message.contains("<redacted>") == true)
        #expect(error?.message.contains("hunter2") == false)
        #expect(KafkaClientConfiguration.isSecret("sasl.password") && KafkaClientConfiguration.isSecret("ssl.key.pem")
                && KafkaClientConfiguration.isSecret("sasl.oauthbearer.client.secret") && !KafkaClientConfiguration.isSecret("security.protocol"))
    }
}
