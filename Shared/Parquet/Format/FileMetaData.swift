/// parquet.thrift FileMetaData: the footer.
struct FileMetaData {
    var version: Int32 = 2
    var schema: [SchemaElement] = []
    var numRows: Int64 = 0
    var rowGroups: [RowGroup] = []
    var keyValueMetadata: [(key: String, value: String?)] = []
    var createdBy: String?
    /// Number of leaf columns for which TYPE_DEFINED_ORDER is declared (so readers trust min_value/max_value).
    var typeDefinedColumnOrders = 0
    var isEncrypted = false

    func encode(_ w: inout ThriftCompactWriter) {
        w.structBegin()
        w.field(1, i32: version)
        w.fieldStructListBegin(2, count: schema.count)
        for element in schema { element.encode(&w) }
        w.field(3, i64: numRows)
        w.fieldStructListBegin(4, count: rowGroups.count)
        for group in rowGroups { group.encode(&w) }
        if !keyValueMetadata.isEmpty {
            w.fieldStructListBegin(5, count: keyValueMetadata.count)
            for kv in keyValueMetadata {
                w.structBegin()
                w.field(1, string: kv.key)
                if let value = kv.value { w.field(2, string: value) }
                w.structEnd()
            }
        }
        if let createdBy { w.field(6, string: createdBy) }
        if typeDefinedColumnOrders > 0 {
            // ColumnOrder is a union whose only member, TYPE_ORDER (1), is an empty struct.
            w.fieldStructListBegin(7, count: typeDefinedColumnOrders)
            for _ in 0..<typeDefinedColumnOrders {
                w.structBegin()
                w.fieldStructBegin(1); w.structEnd()
                w.structEnd()
            }
        }
        w.structEnd()
    }

    static func decode(_ r: inout ThriftCompactReader) throws -> FileMetaData {
        var m = FileMetaData()
        var seen = Set<Int16>()
        try r.readStruct { r, id, type in
            seen.insert(id)
            switch (id, type) {
            case (1, .i32): m.version = try r.readI32()
            case (2, .list):
                try r.readList { r, t in
                    try r.expect(t, .structType, field: "schema")
                    m.schema.append(try SchemaElement.decode(&r))
                }
            case (3, .i64): m.numRows = try r.readI64()
            case (4, .list):
                try r.readList { r, t in
                    try r.expect(t, .structType, field: "row_groups")
                    m.rowGroups.append(try RowGroup.decode(&r))
                }
            case (5, .list):
                try r.readList { r, t in
                    try r.expect(t, .structType, field: "key_value_metadata")
                    var key = "", value: String?
                    try r.readStruct { r, id, type in
                        switch (id, type) {
                        case (1, .binary): key = try r.readString()
                        case (2, .binary): value = try r.readString()
                        default: try r.skip(type)
                        }
                    }
                    m.keyValueMetadata.append((key, value))
                }
            case (6, .binary): m.createdBy = try r.readString()
            case (8, _), (9, _): m.isEncrypted = true; try r.skip(type)
            default: try r.skip(type)
            }
        }
        for required: Int16 in [2, 3, 4] where !seen.contains(required) {
            throw r.corrupt("footer lacks required field \(required)")
        }
        return m
    }
}
