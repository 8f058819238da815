/// parquet.thrift ColumnMetaData: where a column chunk's pages are and how they are encoded.
struct ColumnMetaData {
    var type: Int32 = 0
    var encodings: [Int32] = []
    var pathInSchema: [String] = []
    var codec: Int32 = 0
    var numValues: Int64 = 0
    var totalUncompressedSize: Int64 = 0
    var totalCompressedSize: Int64 = 0
    var dataPageOffset: Int64 = 0
    var indexPageOffset: Int64?
    var dictionaryPageOffset: Int64?
    var statistics: Statistics?

    func encode(_ w: inout ThriftCompactWriter) {
        w.structBegin()
        w.field(1, i32: type)
        w.field(2, i32List: encodings)
        w.field(3, stringList: pathInSchema)
        w.field(4, i32: codec)
        w.field(5, i64: numValues)
        w.field(6, i64: totalUncompressedSize)
        w.field(7, i64: totalCompressedSize)
        w.field(9, i64: dataPageOffset)
        if let dictionaryPageOffset { w.field(11, i64: dictionaryPageOffset) }
        if let statistics {
            w.fieldHeader(12, .structType)
            statistics.encode(&w)
        }
        w.structEnd()
    }

    static func decode(_ r: inout ThriftCompactReader) throws -> ColumnMetaData {
        var m = ColumnMetaData()
        var seen = Set<Int16>()
        try r.readStruct { r, id, type in
            seen.insert(id)
            switch (id, type) {
            case (1, .i32): m.type = try r.readI32()
            case (2, .list):
                try r.readList { r, t in
                    try r.expect(t, .i32, field: "encodings")
                    m.encodings.append(try r.readI32())
                }
            case (3, .list):
                try r.readList { r, t in
                    try r.expect(t, .binary, field: "path_in_schema")
                    m.pathInSchema.append(try r.readString())
                }
            case (4, .i32): m.codec = try r.readI32()
            case (5, .i64): m.numValues = try r.readI64()
            case (6, .i64): m.totalUncompressedSize = try r.readI64()
            case (7, .i64): m.totalCompressedSize = try r.readI64()
            case (9, .i64): m.dataPageOffset = try r.readI64()
            case (10, .i64): m.indexPageOffset = try r.readI64()
            case (11, .i64): m.dictionaryPageOffset = try r.readI64()
            case (12, .structType): m.statistics = try Statistics.decode(&r)
            default: try r.skip(type)
            }
        }
        for required: Int16 in [1, 4, 5, 7, 9] where !seen.contains(required) {
            throw r.corrupt("column metadata lacks required field \(required)")
        }
        return m
    }
}
