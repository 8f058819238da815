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

    func librdkafkaProperties(defaults: [String: String]) -> [String: String] {
        var result = defaults
        result["bootstrap.servers"] = bootstrapServers
        result["client.id"] = clientID
        result.merge(properties) { _, override in override }
        return result
    }
}
