/// parquet.thrift Statistics. Only the order-correct `min_value`/`max_value` are written; the
/// deprecated `min`/`max` (signed byte order for strings) are read as a fallback.
struct Statistics {
    var max: [UInt8]?
    var min: [UInt8]?
    var nullCount: Int64?
    var distinctCount: Int64?
    var maxValue: [UInt8]?
    var minValue: [UInt8]?

    func encode(_ w: inout ThriftCompactWriter) {
        w.structBegin()
        if let max { w.field(1, binary: max) }
        if let min { w.field(2, binary: min) }
        if let nullCount { w.field(3, i64: nullCount) }
        if let distinctCount { w.field(4, i64: distinctCount) }
        if let maxValue { w.field(5, binary: maxValue) }
        if let minValue { w.field(6, binary: minValue) }
        w.structEnd()
    }

    static func decode(_ r: inout ThriftCompactReader) throws -> Statistics {
        var s = Statistics()
        try r.readStruct { r, id, type in
            switch (id, type) {
            case (1, .binary): s.max = try r.readBinary()
            case (2, .binary): s.min = try r.readBinary()
            case (3, .i64): s.nullCount = try r.readI64()
            case (4, .i64): s.distinctCount = try r.readI64()
            case (5, .binary): s.maxValue = try r.readBinary()
            case (6, .binary): s.minValue = try r.readBinary()
            default: try r.skip(type)
            }
        }
        return s
    }
}
