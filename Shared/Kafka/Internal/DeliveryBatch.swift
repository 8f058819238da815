import CRdKafka
import Foundation

/// Collects the delivery reports of one `send` call and resumes its caller once all arrived.
///
/// One continuation per batch, not per record: at 100k records/s the per-record cost matters.
final class DeliveryBatch: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<KafkaDeliveryReport, KafkaError>?]
    private var outstanding: Int
    private var continuation: CheckedContinuation<[Result<KafkaDeliveryReport, KafkaError>], Never>?

    init(count: Int) {
        results = Array(repeating: nil, count: count)
        outstanding = count
    }

    func setContinuation(_ continuation: CheckedContinuation<[Result<KafkaDeliveryReport, KafkaError>], Never>) {
        lock.lock()
        if outstanding == 0 {
            lock.unlock()
            continuation.resume(returning: results.map { $0! })
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    func complete(index: Int, with result: Result<KafkaDeliveryReport, KafkaError>) {
        lock.lock()
        precondition(results[index] == nil, "a delivery report arrived twice")
        results[index] = result
        outstanding -= 1
        let resume = outstanding == 0 ? continuation : nil
        if resume != nil { continuation = nil }
        let final = resume != nil ? results.map { $0! } : []
        lock.unlock()
        resume?.resume(returning: final)
    }
}

/// What librdkafka carries as a record's opaque: its batch and its place in it.
final class DeliveryTicket {
    let batch: DeliveryBatch
    let index: Int

    init(batch: DeliveryBatch, index: Int) {
        self.batch = batch
        self.index = index
    }
}
