/// A sink plus the number of bytes written so far (the file offset Parquet metadata refers to).
struct SinkWriter {
    let sink: any ParquetSink
    private(set) var position: Int64 = 0

    init(sink: any ParquetSink) { self.sink = sink }

    mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try sink.write($0) }
        position += Int64(bytes.count)
    }
}
