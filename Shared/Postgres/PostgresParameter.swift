/// One bound parameter as it goes over the wire: libpq's type OID, format and bytes.
public struct PostgresParameter: Sendable {
    public enum Format: Int32, Sendable {
        case text = 0
        case binary = 1
    }

    /// The PostgreSQL type OID; 0 lets the server infer the type from the statement.
    public var typeOID: UInt32
    public var format: Format
    /// `nil` is SQL NULL.
    public var bytes: [UInt8]?

    public init(typeOID: UInt32, format: Format, bytes: [UInt8]?) {
        self.typeOID = typeOID
        self.format = format
        self.bytes = bytes
    }
}
