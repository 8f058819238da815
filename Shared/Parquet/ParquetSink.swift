/// Where a `ParquetWriter` puts its bytes. Bytes arrive strictly in file order, once.
public protocol ParquetSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Called once by `ParquetWriter.close()` after the footer; flush and release resources.
    func close() throws
}

extension ParquetSink {
    public func close() throws {}
}
