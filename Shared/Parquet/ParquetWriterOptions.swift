/// How a `ParquetWriter` lays out and compresses a file. Defaults follow pyarrow's.
public struct ParquetWriterOptions: Sendable {
    public var compression: ParquetCompression = .snappy
    /// ZSTD level (pyarrow's default is 1).
    public var zstdLevel: Int32 = 1
    /// A row group is flushed when it reaches this many rows...
    public var rowGroupMaxRows: Int = 1_048_576
    /// ...or when its buffered (uncompressed) values reach about this many bytes. Writer memory is
    /// bounded by this, not by the file size.
    public var rowGroupMaxBytes: Int = 128 << 20
    /// Target uncompressed size of one data page.
    public var dataPageMaxBytes: Int = 1 << 20
    /// Maximum rows in one data page (pyarrow: 20,000).
    public var dataPageMaxRows: Int = 20_000
    /// Dictionary-encode string and binary columns.
    public var dictionaryEnabled = true
    /// A column chunk falls back to PLAIN once its dictionary page would exceed this (pyarrow: 1 MiB).
    public var dictionaryPageMaxBytes: Int = 1 << 20
    /// Write min/max/null_count statistics for each column chunk.
    public var statisticsEnabled = true
    /// Min/max longer than this are left out of the statistics (pyarrow: 4096 bytes).
    public var statisticsMaxValueBytes: Int = 4096
    /// Written to the footer's key-value metadata, sorted by key so output is deterministic.
    public var keyValueMetadata: [String: String] = [:]
    public var createdBy: String = "listening-platform parquet-swift version 1.0.0"

    public init() {}
}
