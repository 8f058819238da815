/// One event's place in a request body: its bytes are `body[range]`, forwarded unchanged to Kafka.
public struct EventBatchElement: Sendable, Hashable {
    /// 0-based position in the batch (the `index` of docs/CONTRACT.md's error reports).
    public let index: Int
    /// Byte range within the body, without surrounding whitespace, commas or line breaks.
    public let range: Range<Int>
    /// 1-based line on which the element starts.
    public let line: Int

    public init(index: Int, range: Range<Int>, line: Int) {
        self.index = index
        self.range = range
        self.line = line
    }
}
