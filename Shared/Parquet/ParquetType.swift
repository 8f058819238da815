/// The logical type of a flat column, as a data engineer thinks of it.
///
/// The mapping to Parquet physical types: boolean → BOOLEAN, int32/date → INT32, int64 → INT64,
/// float → FLOAT, double → DOUBLE, string → BYTE_ARRAY (STRING), binary → BYTE_ARRAY or
/// FIXED_LEN_BYTE_ARRAY, timestamp → INT64 (TIMESTAMP) or legacy INT96.
public enum ParquetType: Sendable, Hashable, CustomStringConvertible {
    case boolean
    case int32
    case int64
    case float
    case double
    /// UTF-8 text.
    case string
    /// Raw bytes.
    case binary
    /// Days since 1970-01-01 (INT32 DATE).
    case date
    /// Instant or local date-time; values in the API are microseconds since the epoch.
    case timestamp(ParquetTimeUnit, isAdjustedToUTC: Bool = true)

    public var description: String {
        switch self {
        case .boolean: "boolean"
        case .int32: "int32"
        case .int64: "int64"
        case .float: "float"
        case .double: "double"
        case .string: "string"
        case .binary: "binary"
        case .date: "date"
        case .timestamp(let unit, let utc): "timestamp[\(unit.rawValue)\(utc ? ", UTC" : "")]"
        }
    }
}
