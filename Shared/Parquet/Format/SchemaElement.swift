/// parquet.thrift SchemaElement: one node of the flattened schema tree.
struct SchemaElement {
    var type: Int32?
    var typeLength: Int32?
    var repetition: Int32?
    var name: String = ""
    var numChildren: Int32?
    var convertedType: Int32?
    var scale: Int32?
    var precision: Int32?
    var fieldID: Int32?
    var logicalType: LogicalTypeAnnotation?

    func encode(_ w: inout ThriftCompactWriter) {
        w.structBegin()
        if let type { w.field(1, i32: type) }
        if let typeLength { w.field(2, i32: typeLength) }
        if let repetition { w.field(3, i32: repetition) }
        w.field(4, string: name)
        if let numChildren { w.field(5, i32: numChildren) }
        if let convertedType { w.field(6, i32: convertedType) }
        if let logicalType {
            w.fieldStructBegin(10)
            logicalType.encode(&w)
            w.structEnd()
        }
        w.structEnd()
    }

    static func decode(_ r: inout ThriftCompactReader) throws -> SchemaElement {
        var e = SchemaElement()
        var hasName = false
        try r.readStruct { r, id, type in
            switch (id, type) {
            case (1, .i32): e.type = try r.readI32()
            case (2, .i32): e.typeLength = try r.readI32()
            case (3, .i32): e.repetition = try r.readI32()
            case (4, .binary): e.name = try r.readString(); hasName = true
            case (5, .i32): e.numChildren = try r.readI32()
            case (6, .i32): e.convertedType = try r.readI32()
            case (7, .i32): e.scale = try r.readI32()
            case (8, .i32): e.precision = try r.readI32()
            case (9, .i32): e.fieldID = try r.readI32()
            case (10, .structType): e.logicalType = try LogicalTypeAnnotation.decode(&r)
            default: try r.skip(type)
            }
        }
        guard hasName else { throw r.corrupt("schema element without a name") }
        return e
    }
}
