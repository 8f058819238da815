/// The consumer's events as an `AsyncSequence`; it ends when the consumer closes.
public struct KafkaConsumerEvents: AsyncSequence, Sendable {
    public typealias Element = KafkaConsumerEvent
    let buffer: BackPressureBuffer<KafkaConsumerEvent>

    public struct AsyncIterator: AsyncIteratorProtocol {
        let buffer: BackPressureBuffer<KafkaConsumerEvent>

        public mutating func next() async -> KafkaConsumerEvent? {
            await buffer.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(buffer: buffer) }
}
