/// A Swift value that can be sent as a query parameter (`$1`, `$2`, ...).
///
/// Values are always sent out-of-band through libpq, never spliced into the SQL text, so a
/// string that looks like SQL is just a string.
public protocol PostgresBindable: Sendable {
    /// The PostgreSQL type this Swift type binds as, so that even a NULL carries a type.
    static var postgresTypeOID: UInt32 { get }
    var postgresParameter: PostgresParameter { get }
}

extension Optional: PostgresBindable where Wrapped: PostgresBindable {
    public static var postgresTypeOID: UInt32 { Wrapped.postgresTypeOID }

    public var postgresParameter: PostgresParameter {
        switch self {
        case .some(let value): value.postgresParameter
        case .none: PostgresParameter(typeOID: Wrapped.postgresTypeOID, format: .text, bytes: nil)
        }
    }
}
