/// Collects the file in memory, e.g. for an S3 PUT.
public final class ParquetMemorySink: ParquetSink {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1 << 20) { bytes.reserveCapacity(capacity) }

    public func write(_ bytes: UnsafeRawBufferPointer) throws { self.bytes.append(contentsOf: bytes) }
}
