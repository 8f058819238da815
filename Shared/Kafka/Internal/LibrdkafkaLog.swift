import CRdKafka
import Logging

/// Sends librdkafka's own log lines through swift-log, so they come out as the service's JSON
/// lines instead of raw text on stderr.
enum LibrdkafkaLog {
    static let logger = Logger(label: "librdkafka")

    static func install(on conf: OpaquePointer) {
        rd_kafka_conf_set_log_cb(conf) { _, level, facility, message in
            let text = message.map { String(cString: $0) } ?? ""
            let metadata: Logger.Metadata = ["facility": .string(facility.map { String(cString: $0) } ?? "")]
            // librdkafka uses syslog levels: 0 emergency ... 7 debug.
            switch level {
            case ...3: LibrdkafkaLog.logger.error("\(text)", metadata: metadata)
            case 4: LibrdkafkaLog.logger.warning("\(text)", metadata: metadata)
            case 5, 6: LibrdkafkaLog.logger.info("\(text)", metadata: metadata)
            default: LibrdkafkaLog.logger.debug("\(text)", metadata: metadata)
            }
        }
    }
}
