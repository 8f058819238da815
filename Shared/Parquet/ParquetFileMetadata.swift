/// What a file's footer says, in library terms. Returned by `ParquetWriter.close()` and
/// available as `ParquetReader.metadata`.
public struct ParquetFileMetadata: Sendable {
    public let schema: ParquetSchema
    public let numRows: Int64
    public let rowGroups: [ParquetRowGroupInfo]
    public let keyValueMetadata: [String: String]
    public let createdBy: String?
    /// Size of the whole file in bytes (magic, pages and footer).
    public let fileSize: Int64

    init(_ m: FileMetaData, schema: ParquetSchema, fileSize: Int64) {
        self.schema = schema
        self.numRows = m.numRows
        self.createdBy = m.createdBy
        self.fileSize = fileSize
        var kv: [String: String] = [:]
        for entry in m.keyValueMetadata { kv[entry.key] = entry.value ?? "" }
        self.keyValueMetadata = kv
        self.rowGroups = m.rowGroups.map { group in
            let columns = zip(group.columns, schema.columns).map { chunk, column -> ParquetColumnChunkInfo in
                let meta = chunk.metaData ?? ColumnMetaData()
                return ParquetColumnChunkInfo(
                    column: column.name,
                    codec: CompressionCodec.name(meta.codec),
                    encodings: meta.encodings.map(Encoding.name),
                    numValues: meta.numValues,
                    compressedSize: meta.totalCompressedSize,
                    uncompressedSize: meta.totalUncompressedSize,
                    hasDictionaryPage: meta.dictionaryPageOffset != nil,
                    statistics: meta.statistics.map { ParquetStatistics($0, column: column) })
            }
            return ParquetRowGroupInfo(numRows: group.numRows, totalByteSize: group.totalByteSize, columns: columns)
        }
    }
}
