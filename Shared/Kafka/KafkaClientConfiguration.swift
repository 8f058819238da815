/// Settings every Kafka client shares, plus any librdkafka property by name.
///
/// `properties` is passed to librdkafka as is (see its CONFIGURATION.md), so every tuning knob
/// a data engineer knows is reachable without this wrapper having to name it.
public struct KafkaClientConfiguration: Sendable {
    /// `host:port` pairs, comma-separated, as in `KAFKA_BROKERS`.
    public var bootstrapServers: String
    public var clientID: String
    /// Extra librdkafka properties; they override the wrapper's defaults.
    public var properties: [String: String]

    public init(bootstrapServers: String, clientID: String = "listening-platform", properties: [String: String] = [:]) {
        self.bootstrapServers = bootstrapServers
        self.clientID = clientID
        self.properties = properties
    }

    /// Whether librdkafka accepts `value` for `property`, checked on a configuration of its own
    /// (no client is made, nothing connects). The error names the property and gives librdkafka's
    /// reason; a value that may be a secret (a password, key or token) is not part of it.
    public static func checkProperty(_ property: String, _ value: String) throws {
        RdKafkaConfig.destroy(try RdKafkaConfig.make([property: value]))
    }

    /// Properties whose values must never be shown: passwords, private keys, tokens, JAAS-style
    /// configs that carry them.
    static func isSecret(_ property: String) -> Bool {
        ["password", "secret", "key", "pem", "token", "oauthbearer.config", "jaas"].contains { property.contains($0) }
    }

    func librdkafkaProperties(defaults: [String: String]) -> [String: String] {
        var result = defaults
        result["bootstrap.servers"] = bootstrapServers
        result["client.id"] = clientID
        result.merge(properties) { _, override in override }
        return result
    }
}
