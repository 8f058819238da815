/// The PostgreSQL type of a bronze column, and so which Parquet columns can feed it.
enum BronzeColumnKind: Sendable {
    /// `text`, fed by UTF-8 BYTE_ARRAY (string, large_string, or untyped binary).
    case text
    /// `bigint`, fed by INT64 or INT32 (other writers narrow integers).
    case bigint
    /// `integer`, fed by INT32 or INT64 (out-of-range values fail the file in COPY).
    case integer
    /// `timestamptz`, fed by TIMESTAMP in any unit (the reader hands back microseconds).
    case timestamptz

    var sqlType: String {
        switch self {
        case .text: "text"
        case .bigint: "bigint"
        case .integer: "integer"
        case .timestamptz: "timestamptz"
        }
    }
}
