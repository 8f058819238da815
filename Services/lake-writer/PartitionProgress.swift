/// What lake-writer knows of one assigned topic-partition, for committing and `/status`.
struct PartitionProgress: Sendable {
    /// One past the last offset taken in (buffered, written or dead-lettered).
    var nextOffset: Int64?
    /// The last offset the group coordinator confirmed (the next to read).
    var committed: Int64?
    /// First offsets of buffers being written right now: not durable yet.
    var inFlight: [Int64] = []
    var lastFiles: [String] = []

    mutating func recordFile(_ key: String) {
        lastFiles.append(key)
        if lastFiles.count > 5 { lastFiles.removeFirst(lastFiles.count - 5) }
    }
}
