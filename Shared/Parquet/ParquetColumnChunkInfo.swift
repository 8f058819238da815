/// Footer facts about one column of one row group.
public struct ParquetColumnChunkInfo: Sendable, Hashable {
    public let column: String
    /// Codec name as in the Parquet spec (SNAPPY, GZIP, ZSTD, UNCOMPRESSED, ...).
    public let codec: String
    /// Encoding names as in the Parquet spec (PLAIN, RLE, RLE_DICTIONARY, ...).
    public let encodings: [String]
    public let numValues: Int64
    public let compressedSize: Int64
    public let uncompressedSize: Int64
    public let hasDictionaryPage: Bool
    public let statistics: ParquetStatistics?
}
