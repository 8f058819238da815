/// One cell, for row-at-a-time writing and reading. Column-at-a-time code should prefer
/// `ParquetColumnData`, which stores values without a per-value enum.
public enum ParquetValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case boolean(Bool)
    case int32(Int32)
    case int64(Int64)
    case float(Float)
    case double(Double)
    case string(String)
    case binary([UInt8])
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since 1970-01-01T00:00:00Z.
    case timestamp(Int64)

    public var isNull: Bool { if case .null = self { true } else { false } }

    public var description: String {
        switch self {
        case .null: "null"
        case .boolean(let v): "\(v)"
        case .int32(let v): "\(v)"
        case .int64(let v): "\(v)"
        case .float(let v): "\(v)"
        case .double(let v): "\(v)"
        case .string(let v): "\"\(v)\""
        case .binary(let v): "<\(v.count) bytes>"
        case .date(let v): "date(\(v))"
        case .timestamp(let v): "timestamp(\(v)µs)"
        }
    }
}
