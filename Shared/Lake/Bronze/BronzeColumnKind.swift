import Parquet

/// The type of a bronze column: what lake-writer writes, what a bronze table declares, and which
/// Parquet types from other writers the loader takes into it.
public enum BronzeColumnKind: Sendable {
    /// `text`; lake-writer writes UTF-8 strings; the loader also takes untyped binary.
    case text
    /// `bigint`; INT64, and INT32 from writers that narrow integers.
    case bigint
    /// `integer`; INT32, and INT64 (an out-of-range value fails the file in COPY).
    case integer
    /// `timestamptz`; microseconds, UTC; the loader takes TIMESTAMP in any unit.
    case timestamptz

    public var sqlType: String {
        switch self {
        case .text: "text"
        case .bigint: "bigint"
        case .integer: "integer"
        case .timestamptz: "timestamptz"
        }
    }

    /// The Parquet type lake-writer writes.
    public var parquetType: ParquetType {
        switch self {
        case .text: .string
        case .bigint: .int64
        case .integer: .int32
        case .timestamptz: .timestamp(.micros, isAdjustedToUTC: true)
        }
    }

    /// Whether a file column of `type` can feed a column of this kind.
    public func accepts(_ type: ParquetType) -> Bool {
        switch (self, type) {
        case (.text, .string), (.text, .binary): true
        case (.bigint, .int32), (.bigint, .int64), (.integer, .int32), (.integer, .int64): true
        case (.timestamptz, .timestamp): true
        default: false
        }
    }
}
