import CRdKafka
import Foundation

/// Builds an `rd_kafka_conf_t` from properties, failing with the property librdkafka rejected.
enum RdKafkaConfig {
    static func make(_ properties: [String: String]) throws -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError(code: .configuration, message: "cannot allocate a librdkafka configuration")
        }
        var errorText = [CChar](repeating: 0, count: 512)
        for (name, value) in properties.sorted(by: { $0.key < $1.key }) {
            let result = rd_kafka_conf_set(conf, name, value, &errorText, errorText.count)
            if result != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                let reason = String(errorBuffer: errorText)
                // librdkafka's reason may quote the value: a password must not reach a log.
                let message = KafkaClientConfiguration.isSecret(name) && !value.isEmpty
                    ? "invalid property \(name)=<redacted>: \(reason.replacingOccurrences(of: value, with: "<redacted>"))"
                    : "invalid property \(name)=\(value): \(reason)"
                throw KafkaError(code: .configuration, message: message)
            }
        }
        LibrdkafkaLog.install(on: conf)
        return conf
    }

    static func destroy(_ conf: OpaquePointer) {
        rd_kafka_conf_destroy(conf)
    }

    /// Creates the client; librdkafka takes ownership of `conf` on success only.
    static func makeClient(type: rd_kafka_type_t, conf: OpaquePointer) throws -> OpaquePointer {
        var errorText = [CChar](repeating: 0, count: 512)
        guard let handle = rd_kafka_new(type, conf, &errorText, errorText.count) else {
            rd_kafka_conf_destroy(conf)
            let reason = String(errorBuffer: errorText)
            throw KafkaError(code: .configuration, message: "cannot create the Kafka client: \(reason)")
        }
        return handle
    }
}

extension String {
    /// Text librdkafka wrote into a NUL-terminated error buffer.
    init(errorBuffer: [CChar]) {
        self.init(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
