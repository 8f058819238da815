import Foundation

// Text format for everything but bytea: the server parses it exactly as it would a literal,
// and it keeps the wire format independent of server build options.

extension String: PostgresBindable {
    // Unknown (0) rather than text: the server then infers the column's type, so a String can
    // feed a jsonb, enum or varchar column without an explicit cast.
    public static var postgresTypeOID: UInt32 { 0 }
    public var postgresParameter: PostgresParameter {
        PostgresParameter(typeOID: Self.postgresTypeOID, format: .text, bytes: Array(utf8))
    }
}

extension Int: PostgresBindable {
    public static var postgresTypeOID: UInt32 { PostgresType.int8 }
    public var postgresParameter: PostgresParameter {
        PostgresParameter(typeOID: Self.postgresTypeOID, format: .text, bytes: Array(String(self).utf8))
    }
}

extension Int64: PostgresBindable {
    public static var postgresTypeOID: UInt32 { PostgresType.int8 }
    public var postgresParameter: PostgresParameter {
        PostgresParameter(typeOID: Self.postgresTypeOID, format: .text, bytes: Array(String(self).utf8))
    }
}

extension Int32: PostgresBindable {
    public static var postgresTypeOID: UInt32 { PostgresType.int4 }
    public var postgresParameter: PostgresParameter {
        PostgresParameter(typeOID: Self.postgresTypeOID, format: .text, bytes: Array(String(self).utf8))
    }
}

extension Double: PostgresBindable {
    public static var postgresTypeOID: UInt32 { PostgresType.float8 }
    public var postgresParameter: PostgresParameter {
        PostgresParameter(typeOID: Self.postgresTypeOID, format: .text, bytes: Array(PostgresText.double(self).utf8))
    }
}

extension Bool: PostgresBindable {
    public static var postgresTypeOID: UInt32 { PostgresType.bool }
    public var postgresParameter: PostgresParameter {
        PostgresParameter(typeOID: Self.postgresTypeOID, format: .text, bytes: [self ? UInt8(ascii: "t") : UInt8(ascii: "f")])
    }
}

extension Date: PostgresBindable {
    public static var postgresTypeOID: UInt32 { PostgresType.timestamptz }
    public var postgresParameter: PostgresParameter {
        var bytes: [UInt8] = []
        PostgresText.appendTimestamp(microseconds: PostgresText.microseconds(self), to: &bytes)
        return PostgresParameter(typeOID: Self.postgresTypeOID, format: .text, bytes: bytes)
    }
}

extension Data: PostgresBindable {
    public static var postgresTypeOID: UInt32 { PostgresType.bytea }
    // Binary format: bytea's raw bytes, no hex round trip and no NUL-termination problem.
    public var postgresParameter: PostgresParameter {
        PostgresParameter(typeOID: Self.postgresTypeOID, format: .binary, bytes: Array(self))
    }
}

extension UUID: PostgresBindable {
    public static var postgresTypeOID: UInt32 { PostgresType.uuid }
    public var postgresParameter: PostgresParameter {
        var bytes: [UInt8] = []
        PostgresText.appendUUID(self, to: &bytes)
        return PostgresParameter(typeOID: Self.postgresTypeOID, format: .text, bytes: bytes)
    }
}
