/// A column value could not be decoded as the requested Swift type.
public struct PostgresDecodingError: Error, Sendable, CustomStringConvertible {
    public let column: String
    public let columnIndex: Int
    /// The PostgreSQL type of the column (`int4`, `timestamptz`, ...).
    public let postgresType: String
    /// The Swift type that was asked for.
    public let swiftType: String
    /// Why it failed: a type mismatch, an unparsable value, or an unexpected NULL.
    public let reason: String

    public var description: String {
        "cannot decode column '\(column)' (index \(columnIndex), PostgreSQL type \(postgresType)) as \(swiftType): \(reason)"
    }
}
