import Foundation

extension ServiceEnvironment {
    /// Prefix of the variables that hand librdkafka a property (docs/CONTRACT.md, "Kafka client
    /// properties"): `KAFKA_PROPERTY_security_protocol=SSL` sets `security.protocol`.
    public static let kafkaPropertyPrefix = "KAFKA_PROPERTY_"

    /// The librdkafka property a `KAFKA_PROPERTY_…` variable sets, nil for any other variable.
    ///
    /// The rest of the name is lower-cased, then `___` becomes `-`, `__` becomes `_` and `_`
    /// becomes `.`: Confluent's images map their `KAFKA_…` variables the same way, and no
    /// property librdkafka takes as text has an underscore or a dash in its name.
    public static func kafkaProperty(forVariable variable: String) -> String? {
        guard variable.hasPrefix(kafkaPropertyPrefix), variable.count > kafkaPropertyPrefix.count else { return nil }
        let rest = variable.dropFirst(kafkaPropertyPrefix.count).lowercased()
        return rest.replacingOccurrences(of: "___", with: "\u{1}").replacingOccurrences(of: "__", with: "\u{2}")
            .replacingOccurrences(of: "_", with: ".").replacingOccurrences(of: "\u{2}", with: "_")
            .replacingOccurrences(of: "\u{1}", with: "-")
    }

    /// Every librdkafka property given as `KAFKA_PROPERTY_…`, each checked by `check` (the Kafka
    /// client's `KafkaClientConfiguration.checkProperty`) so that an unknown name or a bad value
    /// stops the service at start (exit status 2) with the variable named, not at its first send.
    /// The value is never part of the error: it may be a password.
    public func kafkaProperties(check: (_ property: String, _ value: String) throws -> Void) throws -> [String: String] {
        var properties: [String: String] = [:]
        for (variable, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let property = Self.kafkaProperty(forVariable: variable) else { continue }
            do {
                try check(property, value)
            } catch {
                throw ConfigurationError(variable: variable, value: "<\(value.count) characters, not shown>",
                                         expected: "a librdkafka property and value it accepts: \(error)")
            }
            properties[property] = value
        }
        return properties
    }
}
