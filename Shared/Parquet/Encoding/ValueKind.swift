/// How a column's values are buffered and which physical type they are written as.
enum ValueKind {
    case boolean, int32, int64, float, double, byteArray

    init(_ type: ParquetType) {
        switch type {
        case .boolean: self = .boolean
        case .int32, .date: self = .int32
        case .int64, .timestamp: self = .int64
        case .float: self = .float
        case .double: self = .double
        case .string, .binary: self = .byteArray
        }
    }

    var physicalType: Int32 {
        switch self {
        case .boolean: PhysicalType.boolean
        case .int32: PhysicalType.int32
        case .int64: PhysicalType.int64
        case .float: PhysicalType.float
        case .double: PhysicalType.double
        case .byteArray: PhysicalType.byteArray
        }
    }
}
