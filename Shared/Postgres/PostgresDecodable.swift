/// A Swift type a column value can be decoded into.
///
/// Results arrive in libpq's text format (the session is set to DateStyle ISO), so a conformer
/// parses the text of a non-NULL value and says which column types it accepts.
public protocol PostgresDecodable {
    /// Decodes a non-NULL value; returns nil when `text` is not a valid value of this type.
    init?(postgresText text: UnsafeBufferPointer<UInt8>, typeOID: UInt32)

    /// Whether a column of this PostgreSQL type can be decoded as `Self` at all.
    static func accepts(typeOID: UInt32) -> Bool

    /// What a NULL decodes to; nil means NULL is an error for this type.
    static var decodedNull: Self? { get }
}

extension PostgresDecodable {
    public static var decodedNull: Self? { nil }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>, typeOID: UInt32) {
        guard let value = Wrapped(postgresText: text, typeOID: typeOID) else { return nil }
        self = .some(value)
    }

    public static func accepts(typeOID: UInt32) -> Bool { Wrapped.accepts(typeOID: typeOID) }

    public static var decodedNull: Self? { .some(.none) }
}
