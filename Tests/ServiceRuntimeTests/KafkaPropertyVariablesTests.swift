import ServiceRuntime
import Testing

@Suite("librdkafka properties from KAFKA_PROPERTY_* variables")
struct KafkaPropertyVariablesTests {
    @Test("the rest of the name is lower-cased; ___ is a dash, __ an underscore, _ a dot",
          arguments: [("KAFKA_PROPERTY_security_protocol", "security.protocol"),
                      ("KAFKA_PROPERTY_SASL_MECHANISMS", "sasl.mechanisms"),
                      ("KAFKA_PROPERTY_ssl_ca_location", "ssl.ca.location"),
                      ("KAFKA_PROPERTY_a__b___c_d", "a_b-c.d")])
    func names(variable: String, property: String) {
        #expect(ServiceEnvironment.kafkaProperty(forVariable: variable) == property)
    }

    @Test("other variables, and the bare prefix, are not properties")
    func notProperties() {
        #expect(ServiceEnvironment.kafkaProperty(forVariable: "KAFKA_BROKERS") == nil)
        #expect(ServiceEnvironment.kafkaProperty(forVariable: "KAFKA_PROPERTY_") == nil)
        #expect(ServiceEnvironment.kafkaProperty(forVariable: "MY_KAFKA_PROPERTY_acks") == nil)
    }

    @Test("every property is collected and handed to the check")
    func collected() throws {
        let env = ServiceEnvironment(["KAFKA_PROPERTY_security_protocol": "SSL", "KAFKA_PROPERTY_ssl_ca_location": "/ca.pem",
                                      "KAFKA_BROKERS": "127.0.0.1:9092"])
        var checked: [String] = []
        let properties = try env.kafkaProperties { property, _ in checked.append(property) }
        #expect(properties == ["security.protocol": "SSL", "ssl.ca.location": "/ca.pem"])
        #expect(checked.sorted() == ["security.protocol", "ssl.ca.location"])
    }

    @Test("a property the check refuses names the variable and the reason, never the value")
    func refused() throws {
        struct Refused: Error, CustomStringConvertible { var description: String { "No such configuration property" } }
        let env = ServiceEnvironment(["KAFKA_PROPERTY_sasl_pasword": "hunter2-secret"])
        let error = #expect(throws: ConfigurationError.self) {
            _ = try env.kafkaProperties { _, _ in throw Refused() }
        }
        #expect(error?.variable == "KAFKA_PROPERTY_sasl_pasword")
        #expect(error?.description.contains("No such configuration property") == true)
        #expect(error?.description.contains("hunter2") == false)
    }
}
