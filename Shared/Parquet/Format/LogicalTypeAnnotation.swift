/// parquet.thrift's LogicalType union (the modern annotation next to the legacy ConvertedType).
enum LogicalTypeAnnotation: Equatable {
    enum Unit: Equatable { case millis, micros, nanos }

    case string, map, list, enumType, date, json, bson, uuid, float16, unknown
    case decimal(scale: Int32, precision: Int32)
    case time(unit: Unit, isAdjustedToUTC: Bool)
    case timestamp(unit: Unit, isAdjustedToUTC: Bool)
    case integer(bitWidth: Int8, isSigned: Bool)
    /// A union member this library does not know (a newer format version).
    case other(fieldID: Int16)

    func encode(_ w: inout ThriftCompactWriter) {
        switch self {
        case .string:
            w.fieldStructBegin(1); w.structEnd()
        case .date:
            w.fieldStructBegin(6); w.structEnd()
        case .timestamp(let unit, let utc):
            w.fieldStructBegin(8)
            w.field(1, bool: utc)
            w.fieldStructBegin(2)
            w.fieldStructBegin(unit == .millis ? 1 : unit == .micros ? 2 : 3); w.structEnd()
            w.structEnd()
            w.structEnd()
        default:
            // The writer only emits STRING, DATE and TIMESTAMP annotations.
            break
        }
    }

    static func decode(_ r: inout ThriftCompactReader) throws -> LogicalTypeAnnotation {
        var result: LogicalTypeAnnotation?
        try r.readStruct { r, id, type in
            guard type == .structType else { try r.skip(type); return }
            switch id {
            case 1: result = .string; try r.skip(type)
            case 2: result = .map; try r.skip(type)
            case 3: result = .list; try r.skip(type)
            case 4: result = .enumType; try r.skip(type)
            case 5:
                var scale: Int32 = 0, precision: Int32 = 0
                try r.readStruct { r, id, type in
                    switch (id, type) {
                    case (1, .i32): scale = try r.readI32()
                    case (2, .i32): precision = try r.readI32()
                    default: try r.skip(type)
                    }
                }
                result = .decimal(scale: scale, precision: precision)
            case 6: result = .date; try r.skip(type)
            case 7, 8:
                var utc = false
                var unit: Unit?
                try r.readStruct { r, fid, ftype in
                    switch (fid, ftype) {
                    case (1, .boolTrue), (1, .boolFalse): utc = try r.fieldBool(ftype)
                    case (2, .structType):
                        try r.readStruct { r, uid, utype in
                            switch uid {
                            case 1: unit = .millis
                            case 2: unit = .micros
                            case 3: unit = .nanos
                            default: break
                            }
                            try r.skip(utype)
                        }
                    default: try r.skip(ftype)
                    }
                }
                guard let unit else { throw r.corrupt("TIME/TIMESTAMP logical type without a known unit") }
                result = id == 7 ? .time(unit: unit, isAdjustedToUTC: utc) : .timestamp(unit: unit, isAdjustedToUTC: utc)
            case 10:
                var width: Int8 = 32, signed = true
                try r.readStruct { r, id, type in
                    switch (id, type) {
                    case (1, .byte): width = Int8(bitPattern: try r.readByte())
                    case (2, .boolTrue), (2, .boolFalse): signed = try r.fieldBool(type)
                    default: try r.skip(type)
                    }
                }
                result = .integer(bitWidth: width, isSigned: signed)
            case 11: result = .unknown; try r.skip(type)
            case 12: result = .json; try r.skip(type)
            case 13: result = .bson; try r.skip(type)
            case 14: result = .uuid; try r.skip(type)
            case 15: result = .float16; try r.skip(type)
            default: result = .other(fieldID: id); try r.skip(type)
            }
        }
        guard let result else { throw r.corrupt("empty LogicalType union") }
        return result
    }
}
