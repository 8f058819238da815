import CRdKafka
import Foundation
import Logging

/// An idempotent Kafka producer whose `send` returns once the broker has acknowledged (or
/// definitively refused) every record — the guarantee ingestion's `202` rests on.
public final class KafkaProducer: Sendable {
    nonisolated(unsafe) private let handle: OpaquePointer
    private let pollThread: PollThread
    private let state = ShutdownState()
    private let logger: Logger

    public init(configuration: KafkaProducerConfiguration, logger: Logger) throws {
        let conf = try RdKafkaConfig.make(configuration.librdkafkaProperties)
        rd_kafka_conf_set_dr_msg_cb(conf) { _, message, _ in
            guard let message, let opaque = message.pointee._private else { return }
            let ticket = Unmanaged<DeliveryTicket>.fromOpaque(opaque).takeRetainedValue()
            let result: Result<KafkaDeliveryReport, KafkaError>
            if message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                result = .success(KafkaDeliveryReport(
                    topic: String(cString: rd_kafka_topic_name(message.pointee.rkt)),
                    partition: message.pointee.partition,
                    offset: message.pointee.offset
                ))
            } else {
                result = .failure(KafkaError(message.pointee.err, context: "delivery to \(String(cString: rd_kafka_topic_name(message.pointee.rkt)))"))
            }
            ticket.batch.complete(index: ticket.index, with: result)
        }
        let handle = try RdKafkaConfig.makeClient(type: RD_KAFKA_PRODUCER, conf: conf)
        self.handle = handle
        self.logger = logger
        nonisolated(unsafe) let pollHandle = handle
        // Delivery reports are served by rd_kafka_poll; this thread is their only caller.
        pollThread = PollThread(name: "kafka-producer-poll") { thread in
            while thread.isRunning { rd_kafka_poll(pollHandle, 100) }
        }
    }

    deinit {
        let pollThread = self.pollThread
        Blocking.destroy(handle) { pollThread.stop() }
    }

    /// Sends one record and waits for its acknowledgement.
    @discardableResult
    public func send(_ message: KafkaProducerMessage) async throws(KafkaError) -> KafkaDeliveryReport {
        try await send([message])[0].get()
    }

    /// Sends records and waits until each has a delivery report; results are in input order.
    ///
    /// A record the local queue refuses (`.queueFull`) fails at once; the others still go.
    public func send(_ messages: [KafkaProducerMessage]) async -> [Result<KafkaDeliveryReport, KafkaError>] {
        if messages.isEmpty { return [] }
        let batch = DeliveryBatch(count: messages.count)
        for (index, message) in messages.enumerated() {
            if state.isShutDown {
                batch.complete(index: index, with: .failure(KafkaError(code: .shutDown, message: "the producer has shut down")))
                continue
            }
            if let error = enqueue(message, ticket: DeliveryTicket(batch: batch, index: index)) {
                batch.complete(index: index, with: .failure(error))
            }
        }
        return await withCheckedContinuation { batch.setContinuation($0) }
    }

    /// Hands one record to librdkafka; returns the error when it refused it.
    private func enqueue(_ message: KafkaProducerMessage, ticket: DeliveryTicket) -> KafkaError? {
        let opaque = Unmanaged.passRetained(ticket).toOpaque()
        let error: OpaquePointer? = message.topic.withCString { topic in
            message.value.withUnsafeBytes { value in
                withKeyBytes(message.key) { key in
                    var fields: [rd_kafka_vu_t] = []
                    fields.reserveCapacity(6 + message.headers.count)
                    var field = rd_kafka_vu_t()
                    field.vtype = RD_KAFKA_VTYPE_TOPIC
                    field.u.cstr = topic
                    fields.append(field)
                    field = rd_kafka_vu_t()
                    field.vtype = RD_KAFKA_VTYPE_VALUE
                    field.u.mem.ptr = UnsafeMutableRawPointer(mutating: value.baseAddress)
                    field.u.mem.size = value.count
                    fields.append(field)
                    if let key {
                        field = rd_kafka_vu_t()
                        field.vtype = RD_KAFKA_VTYPE_KEY
                        field.u.mem.ptr = UnsafeMutableRawPointer(mutating: key.baseAddress)
                        field.u.mem.size = key.count
                        fields.append(field)
                    }
                    if let partition = message.partition {
                        field = rd_kafka_vu_t()
                        field.vtype = RD_KAFKA_VTYPE_PARTITION
                        field.u.i32 = partition
                        fields.append(field)
                    }
                    field = rd_kafka_vu_t()
                    field.vtype = RD_KAFKA_VTYPE_MSGFLAGS
                    field.u.i = RD_KAFKA_MSG_F_COPY
                    fields.append(field)
                    field = rd_kafka_vu_t()
                    field.vtype = RD_KAFKA_VTYPE_OPAQUE
                    field.u.ptr = opaque
                    fields.append(field)
                    var headers: OpaquePointer?
                    if !message.headers.isEmpty {
                        // The header list is owned by the record once produce succeeds.
                        headers = rd_kafka_headers_new(message.headers.count)
                        for header in message.headers {
                            header.value.withUnsafeBytes { bytes in
                                _ = rd_kafka_header_add(headers, header.key, -1, bytes.baseAddress, bytes.count)
                            }
                        }
                        field = rd_kafka_vu_t()
                        field.vtype = RD_KAFKA_VTYPE_HEADERS
                        field.u.headers = headers
                        fields.append(field)
                    }
                    let error = rd_kafka_produceva(handle, fields, fields.count)
                    if error != nil, let headers { rd_kafka_headers_destroy(headers) }
                    return error
                }
            }
        }
        guard let error else { return nil }
        Unmanaged<DeliveryTicket>.fromOpaque(opaque).release()
        let code = rd_kafka_error_code(error)
        let text = String(cString: rd_kafka_error_string(error))
        rd_kafka_error_destroy(error)
        return KafkaError(code: KafkaError.Code(code), message: "cannot enqueue a record for \(message.topic): \(text)")
    }

    /// Waits until every queued record has a delivery report, or `timeout` passes.
    public func flush(timeout: Duration) async throws(KafkaError) {
        nonisolated(unsafe) let handle = self.handle
        let code = await Blocking.run { rd_kafka_flush(handle, Int32(clamping: timeout.milliseconds)) }
        if code != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(code, context: "flush: \(rd_kafka_outq_len(handle)) records still unacknowledged after \(timeout)")
        }
    }

    /// Stops taking records and flushes what is queued. Records still unacknowledged after
    /// `timeout` are reported as failed to their senders (never silently dropped).
    public func shutdown(timeout: Duration = .seconds(5)) async {
        guard state.markShutDown() else { return }
        do {
            try await flush(timeout: timeout)
        } catch {
            logger.error("producer shut down with unacknowledged records", metadata: ["error": "\(error)"])
            nonisolated(unsafe) let handle = self.handle
            // Purging makes librdkafka fail the remaining records through their delivery reports.
            rd_kafka_purge(handle, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
            _ = await Blocking.run { rd_kafka_flush(handle, 1000) }
        }
    }

    /// Records waiting for acknowledgement (for `/metrics`).
    public var queuedRecords: Int { Int(rd_kafka_outq_len(handle)) }
}

private func withKeyBytes<R>(_ key: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
    guard let key else { return body(nil) }
    return key.withUnsafeBytes { body($0) }
}
