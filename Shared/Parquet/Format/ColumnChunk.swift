/// parquet.thrift ColumnChunk: one column's slice of a row group.
struct ColumnChunk {
    var filePath: String?
    var fileOffset: Int64 = 0
    var metaData: ColumnMetaData?
    /// Set when the chunk carries column-encryption metadata (not supported).
    var isEncrypted = false

    func encode(_ w: inout ThriftCompactWriter) {
        w.structBegin()
        w.field(2, i64: fileOffset)
        if let metaData {
            w.fieldHeader(3, .structType)
            metaData.encode(&w)
        }
        w.structEnd()
    }

    static func decode(_ r: inout ThriftCompactReader) throws -> ColumnChunk {
        var c = ColumnChunk()
        try r.readStruct { r, id, type in
            switch (id, type) {
            case (1, .binary): c.filePath = try r.readString()
            case (2, .i64): c.fileOffset = try r.readI64()
            case (3, .structType): c.metaData = try ColumnMetaData.decode(&r)
            case (8, _), (9, _): c.isEncrypted = true; try r.skip(type)
            default: try r.skip(type)
            }
        }
        return c
    }
}
