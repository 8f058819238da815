import CRdKafka
import Foundation
import Logging

/// A consumer-group member. Records and partition changes arrive in order through `events`;
/// offsets are committed only by explicit `commit` calls.
///
/// One dedicated thread polls librdkafka and hands events over through a bounded buffer, so
/// a caller that falls behind pauses polling rather than growing memory.
public final class KafkaConsumer: Sendable {
    nonisolated(unsafe) private let handle: OpaquePointer
    private let buffer: BackPressureBuffer<KafkaConsumerEvent>
    private let context: Unmanaged<RebalanceContext>
    private let pollThread: PollThread
    private let state = ShutdownState()
    private let logger: Logger

    /// Creates the member and subscribes it to `topics` (which must exist: create them first).
    public init(configuration: KafkaConsumerConfiguration, topics: [String], logger: Logger) throws {
        let buffer = BackPressureBuffer<KafkaConsumerEvent>(capacity: configuration.bufferCapacity)
        let context = Unmanaged.passRetained(RebalanceContext(buffer: buffer, logger: logger))
        let conf: OpaquePointer
        do {
            conf = try RdKafkaConfig.make(configuration.librdkafkaProperties)
        } catch {
            context.release()
            throw error
        }
        rd_kafka_conf_set_opaque(conf, context.toOpaque())
        rd_kafka_conf_set_rebalance_cb(conf) { handle, err, partitions, opaque in
            guard let handle, let partitions, let opaque else { return }
            Unmanaged<RebalanceContext>.fromOpaque(opaque).takeUnretainedValue()
                .rebalance(handle: handle, err: err, partitions: partitions)
        }
        let handle: OpaquePointer
        do {
            handle = try RdKafkaConfig.makeClient(type: RD_KAFKA_CONSUMER, conf: conf)
        } catch {
            context.release()
            throw error
        }
        rd_kafka_poll_set_consumer(handle)
        let subscription = TopicPartitionList.make(topics.map { KafkaTopicPartition(topic: $0, partition: Int32(RD_KAFKA_PARTITION_UA)) })
        let err = rd_kafka_subscribe(handle, subscription)
        rd_kafka_topic_partition_list_destroy(subscription)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            rd_kafka_destroy(handle)
            context.release()
            throw KafkaError(err, context: "subscribe to \(topics.joined(separator: ", "))")
        }
        self.handle = handle
        self.buffer = buffer
        self.context = context
        self.logger = logger
        nonisolated(unsafe) let pollHandle = handle
        pollThread = PollThread(name: "kafka-consumer-poll") { thread in
            while thread.isRunning {
                guard let message = rd_kafka_consumer_poll(pollHandle, 100) else { continue }
                defer { rd_kafka_message_destroy(message) }
                if message.pointee.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                    // Transport errors are retried by librdkafka itself; they are only worth a log line.
                    logger.warning("consumer error", metadata: ["error": "\(KafkaError(message.pointee.err))"])
                    continue
                }
                buffer.push(.message(KafkaConsumerMessage(message)))
            }
        }
    }

    deinit {
        let context = self.context
        let leave = closeNow()
        Blocking.destroy(handle) {
            leave?()
            context.release()
        }
    }

    /// Records and rebalances in order. Iterate it from one task.
    public var events: KafkaConsumerEvents { KafkaConsumerEvents(buffer: buffer) }

    /// `events` in batches of up to `maxCount` of those already fetched.
    public func eventBatches(maxCount: Int = 512) -> KafkaConsumerEventBatches {
        KafkaConsumerEventBatches(buffer: buffer, maxCount: maxCount)
    }

    /// Commits offsets (each the *next* offset to read) synchronously: when this returns, the
    /// group coordinator has them.
    public func commit(_ offsets: [KafkaTopicPartitionOffset]) async throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        nonisolated(unsafe) let handle = self.handle
        let error: KafkaError? = await Blocking.run {
            let list = TopicPartitionList.make(offsets)
            defer { rd_kafka_topic_partition_list_destroy(list) }
            let err = rd_kafka_commit(handle, list, 0)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { return KafkaError(err, context: "commit") }
            return TopicPartitionList.firstError(list)
        }
        if let error { throw error }
    }

    /// The group's committed offsets for `partitions` (nil where nothing is committed yet).
    public func committed(_ partitions: [KafkaTopicPartition], timeout: Duration = .seconds(5)) async throws(KafkaError) -> [KafkaTopicPartitionOffset] {
        nonisolated(unsafe) let handle = self.handle
        let result: Result<[KafkaTopicPartitionOffset], KafkaError> = await Blocking.run {
            let list = TopicPartitionList.make(partitions)
            defer { rd_kafka_topic_partition_list_destroy(list) }
            let err = rd_kafka_committed(handle, list, Int32(clamping: timeout.milliseconds))
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { return .failure(KafkaError(err, context: "committed offsets")) }
            return .success(TopicPartitionList.entries(list))
        }
        return try result.get()
    }

    /// This member's current partitions.
    public func assignment() throws(KafkaError) -> [KafkaTopicPartition] {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        let err = rd_kafka_assignment(handle, &list)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { throw KafkaError(err, context: "assignment") }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        return TopicPartitionList.entries(list).map(\.topicPartition)
    }

    /// Watermarks as last seen in fetch responses (no broker round trip). Used for lag because
    /// the queried watermark is wrong on the Tansu broker when a batch holds several records.
    public func cachedWatermarks(_ partition: KafkaTopicPartition) -> KafkaWatermarks? {
        var low: Int64 = 0, high: Int64 = 0
        let err = rd_kafka_get_watermark_offsets(handle, partition.topic, partition.partition, &low, &high)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, high >= 0 else { return nil }
        return KafkaWatermarks(low: low, high: high)
    }

    /// Watermarks asked of the partition leader.
    public func queryWatermarks(_ partition: KafkaTopicPartition, timeout: Duration = .seconds(5)) async throws(KafkaError) -> KafkaWatermarks {
        nonisolated(unsafe) let handle = self.handle
        let result: Result<KafkaWatermarks, KafkaError> = await Blocking.run {
            var low: Int64 = 0, high: Int64 = 0
            let err = rd_kafka_query_watermark_offsets(handle, partition.topic, partition.partition, &low, &high, Int32(clamping: timeout.milliseconds))
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { return .failure(KafkaError(err, context: "watermarks of \(partition)")) }
            return .success(KafkaWatermarks(low: low, high: high))
        }
        return try result.get()
    }

    /// Leaves the group: stops polling, ends `events`, and closes the member so its partitions
    /// move to the others at once. Flush and commit what you hold *before* calling this.
    public func close() async {
        guard let leave = closeNow() else { return }
        await Blocking.run { leave() }
    }

    /// Ends `events` at once and returns the blocking part of leaving the group (stopping the
    /// poll thread, `rd_kafka_consumer_close`), or nil when already closed.
    private func closeNow() -> (@Sendable () -> Void)? {
        guard state.markShutDown() else { return nil }
        context.takeUnretainedValue().closing()
        buffer.finish()
        let pollThread = self.pollThread
        nonisolated(unsafe) let handle = self.handle
        return {
            pollThread.stop()
            rd_kafka_consumer_close(handle)
        }
    }
}

extension KafkaConsumerMessage {
    init(_ message: UnsafeMutablePointer<rd_kafka_message_t>) {
        let m = message.pointee
        var headers: [KafkaHeader] = []
        var headerList: OpaquePointer?
        if rd_kafka_message_headers(message, &headerList) == RD_KAFKA_RESP_ERR_NO_ERROR, let headerList {
            var index = 0
            var name: UnsafePointer<CChar>?
            var value: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(headerList, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                let bytes = value.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) } ?? []
                headers.append(KafkaHeader(key: name.map { String(cString: $0) } ?? "", value: bytes))
                index += 1
            }
        }
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &timestampType)
        self.init(
            topic: String(cString: rd_kafka_topic_name(m.rkt)),
            partition: m.partition,
            offset: m.offset,
            key: m.key.map { Array(UnsafeRawBufferPointer(start: $0, count: m.key_len)) },
            value: m.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: m.len)) } ?? [],
            headers: headers,
            timestampMilliseconds: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp
        )
    }
}
