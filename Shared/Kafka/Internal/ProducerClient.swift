import CRdKafka
import Foundation

/// One librdkafka producer handle and the thread that serves its delivery reports.
///
/// `KafkaProducer` replaces its client when the broker has fenced the producer id (seen with
/// Tansu after a delivery timeout: every later record is refused with PRODUCER_FENCED), so
/// the handle lives here, separate from the producer's identity.
final class ProducerClient: @unchecked Sendable {
    let handle: OpaquePointer
    private let pollThread: PollThread
    private let lock = NSLock()
    private var lastDelivery = ContinuousClock.now

    init(properties: [String: String]) throws {
        let conf = try RdKafkaConfig.make(properties)
        rd_kafka_conf_set_dr_msg_cb(conf) { _, message, _ in
            guard let message, let opaque = message.pointee._private else { return }
            let ticket = Unmanaged<DeliveryTicket>.fromOpaque(opaque).takeRetainedValue()
            let topic = String(cString: rd_kafka_topic_name(message.pointee.rkt))
            let result: Result<KafkaDeliveryReport, KafkaError>
            if message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                result = .success(KafkaDeliveryReport(topic: topic, partition: message.pointee.partition, offset: message.pointee.offset))
            } else {
                result = .failure(KafkaError(message.pointee.err, context: "delivery to \(topic)"))
            }
            ticket.batch.complete(index: ticket.index, with: result)
        }
        handle = try RdKafkaConfig.makeClient(type: RD_KAFKA_PRODUCER, conf: conf)
        nonisolated(unsafe) let pollHandle = handle
        // Delivery reports are served by rd_kafka_poll; this thread is their only caller.
        pollThread = PollThread(name: "kafka-producer-poll") { thread in
            while thread.isRunning { rd_kafka_poll(pollHandle, 100) }
        }
    }

    func markDelivered() {
        lock.lock()
        lastDelivery = .now
        lock.unlock()
    }

    /// Time since the last acknowledged record (or since the client was created).
    var timeSinceLastDelivery: Duration {
        lock.lock()
        defer { lock.unlock() }
        return .now - lastDelivery
    }

    /// librdkafka's fatal error, after which this handle can produce nothing more.
    var fatalError: KafkaError? {
        var text = [CChar](repeating: 0, count: 512)
        let err = rd_kafka_fatal_error(handle, &text, text.count)
        return err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(err, context: String(errorBuffer: text))
    }

    /// Fails whatever is still queued (its senders get delivery errors, nothing is silently
    /// dropped), then tears the handle down off the caller's thread.
    func retire() {
        nonisolated(unsafe) let handle = self.handle
        rd_kafka_purge(handle, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
        let pollThread = self.pollThread
        Blocking.destroy(handle) {
            rd_kafka_flush(handle, 1000)
            pollThread.stop()
        }
    }
}
