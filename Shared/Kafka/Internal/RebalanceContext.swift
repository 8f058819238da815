import CRdKafka
import Foundation
import Logging

/// Runs inside librdkafka's rebalance callback on the poll thread: applies assignments and
/// holds revocations until the caller has flushed and committed the revoked partitions.
final class RebalanceContext: @unchecked Sendable {
    private let buffer: BackPressureBuffer<KafkaConsumerEvent>
    private let logger: Logger
    private let lock = NSLock()
    private var isClosing = false
    private var pending: KafkaRebalance?

    init(buffer: BackPressureBuffer<KafkaConsumerEvent>, logger: Logger) {
        self.buffer = buffer
        self.logger = logger
    }

    /// During close, revocations are applied at once: nobody is iterating any more.
    func closing() {
        lock.lock()
        isClosing = true
        let pending = self.pending
        lock.unlock()
        pending?.complete()
    }

    func rebalance(handle: OpaquePointer, err: rd_kafka_resp_err_t, partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        let changed = TopicPartitionList.entries(partitions).map(\.topicPartition)
        switch err {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            logger.info("partitions assigned", metadata: ["partitions": "\(changed)"])
            rd_kafka_assign(handle, partitions)
            buffer.push(.partitionsAssigned(changed), bypassCapacity: true)
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            logger.info("partitions revoked", metadata: ["partitions": "\(changed)"])
            let rebalance = KafkaRebalance()
            lock.lock()
            let closing = isClosing
            if !closing { pending = rebalance }
            lock.unlock()
            if !closing, buffer.push(.partitionsRevoked(changed, rebalance), bypassCapacity: true) {
                rebalance.wait()
            }
            lock.lock()
            pending = nil
            lock.unlock()
            rd_kafka_assign(handle, nil)
        default:
            logger.error("rebalance failed", metadata: ["error": "\(KafkaError(err))"])
            rd_kafka_assign(handle, nil)
        }
    }
}
