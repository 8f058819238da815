import CRdKafka

/// An error from the Kafka client: what failed, in librdkafka's words, with a code callers can act on.
public struct KafkaError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The local producer queue is full (`queue.buffering.max.messages`/`kbytes`): back off and retry.
        case queueFull
        /// The message was not acknowledged within `message.timeout.ms` (broker down or too slow).
        case messageTimedOut
        /// No broker answered (connection refused, name not resolved, all brokers down).
        case brokersUnreachable
        /// The topic or partition does not exist on the cluster.
        case unknownTopicOrPartition
        /// A configuration property was rejected; the message names it.
        case configuration
        /// A call did not complete within its timeout.
        case timedOut
        /// The client has been shut down.
        case shutDown
        /// The broker refused the producer id (a newer epoch exists); the producer replaces itself.
        case producerFenced
        /// Any other librdkafka error; `rawValue` is its `rd_kafka_resp_err_t`.
        case other(rawValue: Int32)
    }

    public let code: Code
    public let message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "Kafka: \(message)" }

    /// Whether retrying the same operation later can succeed (the broker may come back).
    public var isTransient: Bool {
        switch code {
        case .queueFull, .messageTimedOut, .brokersUnreachable, .timedOut, .producerFenced: return true
        default: return false
        }
    }

    init(_ err: rd_kafka_resp_err_t, context: String? = nil) {
        let text = String(cString: rd_kafka_err2str(err))
        self.init(code: Code(err), message: context.map { "\($0): \(text)" } ?? text)
    }
}

extension KafkaError.Code {
    init(_ err: rd_kafka_resp_err_t) {
        switch err {
        case RD_KAFKA_RESP_ERR__QUEUE_FULL: self = .queueFull
        case RD_KAFKA_RESP_ERR__MSG_TIMED_OUT: self = .messageTimedOut
        case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__RESOLVE:
            self = .brokersUnreachable
        case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
            self = .unknownTopicOrPartition
        case RD_KAFKA_RESP_ERR__TIMED_OUT: self = .timedOut
        case RD_KAFKA_RESP_ERR__DESTROY, RD_KAFKA_RESP_ERR__PURGE_QUEUE, RD_KAFKA_RESP_ERR__PURGE_INFLIGHT: self = .shutDown
        case RD_KAFKA_RESP_ERR_PRODUCER_FENCED, RD_KAFKA_RESP_ERR__FENCED, RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH, RD_KAFKA_RESP_ERR__FATAL:
            self = .producerFenced
        default: self = .other(rawValue: err.rawValue)
        }
    }
}
