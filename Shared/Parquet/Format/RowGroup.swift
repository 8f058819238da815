/// parquet.thrift RowGroup.
struct RowGroup {
    var columns: [ColumnChunk] = []
    var totalByteSize: Int64 = 0
    var numRows: Int64 = 0
    var fileOffset: Int64?
    var totalCompressedSize: Int64?
    var ordinal: Int16?

    func encode(_ w: inout ThriftCompactWriter) {
        w.structBegin()
        w.fieldStructListBegin(1, count: columns.count)
        for column in columns { column.encode(&w) }
        w.field(2, i64: totalByteSize)
        w.field(3, i64: numRows)
        if let fileOffset { w.field(5, i64: fileOffset) }
        if let totalCompressedSize { w.field(6, i64: totalCompressedSize) }
        w.structEnd()
    }

    static func decode(_ r: inout ThriftCompactReader) throws -> RowGroup {
        var g = RowGroup()
        var hasRows = false
        try r.readStruct { r, id, type in
            switch (id, type) {
            case (1, .list):
                try r.readList { r, t in
                    try r.expect(t, .structType, field: "columns")
                    g.columns.append(try ColumnChunk.decode(&r))
                }
            case (2, .i64): g.totalByteSize = try r.readI64()
            case (3, .i64): g.numRows = try r.readI64(); hasRows = true
            case (5, .i64): g.fileOffset = try r.readI64()
            case (6, .i64): g.totalCompressedSize = try r.readI64()
            case (7, .i16): g.ordinal = try r.readI16()
            default: try r.skip(type)
            }
        }
        guard hasRows else { throw r.corrupt("row group without num_rows") }
        return g
    }
}
