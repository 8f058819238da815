/// The consumer's events in batches of those already fetched (in order, at most `maxCount`,
/// never empty); it ends when the consumer closes. For callers that hand records on one hop at
/// a time, a batch is one hop.
public struct KafkaConsumerEventBatches: AsyncSequence, Sendable {
    public typealias Element = [KafkaConsumerEvent]
    let buffer: BackPressureBuffer<KafkaConsumerEvent>
    let maxCount: Int

    public struct AsyncIterator: AsyncIteratorProtocol {
        let buffer: BackPressureBuffer<KafkaConsumerEvent>
        let maxCount: Int

        public mutating func next() async -> [KafkaConsumerEvent]? {
            let batch = await buffer.nextBatch(maxCount: maxCount)
            return batch.isEmpty ? nil : batch
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(buffer: buffer, maxCount: maxCount) }
}
