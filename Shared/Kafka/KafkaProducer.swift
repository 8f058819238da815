import CRdKafka
import Foundation
import Logging

/// An idempotent Kafka producer whose `send` returns once the broker has acknowledged (or
/// definitively refused) every record — the guarantee ingestion's `202` rests on.
public final class KafkaProducer: Sendable {
    private let properties: [String: String]
    private let deliveryTimeout: Duration
    private let clientBox: ClientBox
    private let state = ShutdownState()
    private let logger: Logger

    public init(configuration: KafkaProducerConfiguration, logger: Logger) throws {
        properties = configuration.librdkafkaProperties
        deliveryTimeout = configuration.deliveryTimeout
        clientBox = ClientBox(try ProducerClient(properties: properties))
        self.logger = logger
    }

    deinit {
        clientBox.current.retire()
    }

    private var handle: OpaquePointer { clientBox.current.handle }

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
        let client = clientBox.current
        let batch = DeliveryBatch(count: messages.count)
        for (index, message) in messages.enumerated() {
            if state.isShutDown {
                batch.complete(index: index, with: .failure(KafkaError(code: .shutDown, message: "the producer has shut down")))
                continue
            }
            if let error = enqueue(message, on: client.handle, ticket: DeliveryTicket(batch: batch, index: index)) {
                batch.complete(index: index, with: .failure(error))
            }
        }
        let results = await withCheckedContinuation { batch.setContinuation($0) }
        recoverIfStuck(client, results: results)
        return results
    }

    /// An idempotent producer can wedge after an outage: fenced by the broker, failed fatally
    /// (unknown producer id after a broker lost its state), or timing out every record although
    /// the broker is back (seen with Tansu). Each case needs a new producer id, so the client is
    /// replaced — the service recovers by itself instead of needing a restart.
    private func recoverIfStuck(_ client: ProducerClient, results: [Result<KafkaDeliveryReport, KafkaError>]) {
        var fenced = false, timedOut = false, delivered = false
        for result in results {
            switch result {
            case .success: delivered = true
            case let .failure(error) where error.code == .producerFenced: fenced = true
            case let .failure(error) where error.code == .messageTimedOut: timedOut = true
            case .failure: break
            }
        }
        if delivered { client.markDelivered() }
        let wedged = timedOut && client.timeSinceLastDelivery > deliveryTimeout * 2
        guard fenced || wedged || client.fatalError != nil, !state.isShutDown else { return }
        do {
            if try clientBox.replace(client, with: { try ProducerClient(properties: properties) }) {
                logger.warning("replaced the Kafka producer with a new producer id after it stopped delivering",
                               metadata: ["fenced": "\(fenced)", "timed_out_for": "\(client.timeSinceLastDelivery)",
                                          "fatal_error": "\(client.fatalError.map { "\($0)" } ?? "none")"])
                client.retire()
            }
        } catch {
            logger.error("cannot replace the fenced Kafka producer", metadata: ["error": "\(error)"])
        }
    }

    /// Hands one record to librdkafka; returns the error when it refused it.
    private func enqueue(_ message: KafkaProducerMessage, on handle: OpaquePointer, ticket: DeliveryTicket) -> KafkaError? {
        let opaque = Unmanaged.passRetained(ticket).toOpaque()
        let error: OpaquePointer? = message.topic.withCString { topic in
            message.value.withUnsafeBytes { value in
                withKeyBytes(message.key) { key in
                    // At most 7 fields, on the stack: an array here was a heap allocation per record.
                    withUnsafeTemporaryAllocation(of: rd_kafka_vu_t.self, capacity: 7) { fields in
                        var count = 0
                        func add(_ configure: (inout rd_kafka_vu_t) -> Void) {
                            var field = rd_kafka_vu_t()
                            configure(&field)
                            fields.initializeElement(at: count, to: field)
                            count += 1
                        }
                        add { $0.vtype = RD_KAFKA_VTYPE_TOPIC; $0.u.cstr = topic }
                        add {
                            $0.vtype = RD_KAFKA_VTYPE_VALUE
                            $0.u.mem.ptr = UnsafeMutableRawPointer(mutating: value.baseAddress)
                            $0.u.mem.size = value.count
                        }
                        if let key {
                            add {
                                $0.vtype = RD_KAFKA_VTYPE_KEY
                                $0.u.mem.ptr = UnsafeMutableRawPointer(mutating: key.baseAddress)
                                $0.u.mem.size = key.count
                            }
                        }
                        if let partition = message.partition {
                            add { $0.vtype = RD_KAFKA_VTYPE_PARTITION; $0.u.i32 = partition }
                        }
                        add { $0.vtype = RD_KAFKA_VTYPE_MSGFLAGS; $0.u.i = RD_KAFKA_MSG_F_COPY }
                        add { $0.vtype = RD_KAFKA_VTYPE_OPAQUE; $0.u.ptr = opaque }
                        var headers: OpaquePointer?
                        if !message.headers.isEmpty {
                            // The header list is owned by the record once produce succeeds.
                            headers = rd_kafka_headers_new(message.headers.count)
                            for header in message.headers {
                                header.value.withUnsafeBytes { bytes in
                                    _ = rd_kafka_header_add(headers, header.key, -1, bytes.baseAddress, bytes.count)
                                }
                            }
                            add { $0.vtype = RD_KAFKA_VTYPE_HEADERS; $0.u.headers = headers }
                        }
                        let error = rd_kafka_produceva(handle, UnsafePointer(fields.baseAddress), count)
                        fields.baseAddress!.deinitialize(count: count)
                        if error != nil, let headers { rd_kafka_headers_destroy(headers) }
                        return error
                    }
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
            // The records still queued fail through their delivery reports when the client retires.
            logger.error("producer shut down with unacknowledged records", metadata: ["error": "\(error)"])
        }
    }

    /// Records waiting for acknowledgement (for `/metrics`).
    public var queuedRecords: Int { Int(rd_kafka_outq_len(handle)) }
}

private func withKeyBytes<R>(_ key: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
    guard let key else { return body(nil) }
    return key.withUnsafeBytes { body($0) }
}

/// The producer's current client, swapped under a lock when it has to be replaced.
private final class ClientBox: @unchecked Sendable {
    private let lock = NSLock()
    private var client: ProducerClient

    init(_ client: ProducerClient) {
        self.client = client
    }

    var current: ProducerClient {
        lock.lock()
        defer { lock.unlock() }
        return client
    }

    /// Replaces `old` unless another caller already did; returns whether this call did.
    func replace(_ old: ProducerClient, with make: () throws -> ProducerClient) throws -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard client === old else { return false }
        client = try make()
        return true
    }
}
