/// Footer facts about one row group.
public struct ParquetRowGroupInfo: Sendable, Hashable {
    public let numRows: Int64
    /// Total uncompressed size of the row group's column data.
    public let totalByteSize: Int64
    public let columns: [ParquetColumnChunkInfo]
}
