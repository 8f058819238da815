import Foundation

extension String: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>, typeOID: UInt32) {
        self = String(decoding: text, as: UTF8.self)
    }

    /// Every type has a text form, so any column (numeric, jsonb, an enum) can be read as String.
    public static func accepts(typeOID: UInt32) -> Bool { true }
}

private let integerTypes: Set<UInt32> = [PostgresType.int2, PostgresType.int4, PostgresType.int8, PostgresType.oid, PostgresType.numeric]

extension Int: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>, typeOID: UInt32) {
        guard let value = Int(String(decoding: text, as: UTF8.self)) else { return nil }
        self = value
    }

    /// numeric is accepted because sum() and friends return it; a fractional value fails to parse.
    public static func accepts(typeOID: UInt32) -> Bool { integerTypes.contains(typeOID) }
}

extension Int64: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>, typeOID: UInt32) {
        guard let value = Int64(String(decoding: text, as: UTF8.self)) else { return nil }
        self = value
    }

    public static func accepts(typeOID: UInt32) -> Bool { integerTypes.contains(typeOID) }
}

extension Int32: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>, typeOID: UInt32) {
        guard let value = Int32(String(decoding: text, as: UTF8.self)) else { return nil }
        self = value
    }

    public static func accepts(typeOID: UInt32) -> Bool { integerTypes.contains(typeOID) }
}

extension Double: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>, typeOID: UInt32) {
        switch String(decoding: text, as: UTF8.self) {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        case let other:
            guard let value = Double(other) else { return nil }
            self = value
        }
    }

    public static func accepts(typeOID: UInt32) -> Bool {
        typeOID == PostgresType.float8 || typeOID == PostgresType.float4 || integerTypes.contains(typeOID)
    }
}

extension Bool: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>, typeOID: UInt32) {
        guard text.count == 1 else { return nil }
        switch text[0] {
        case UInt8(ascii: "t"): self = true
        case UInt8(ascii: "f"): self = false
        default: return nil
        }
    }

    public static func accepts(typeOID: UInt32) -> Bool { typeOID == PostgresType.bool }
}

extension Date: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>, typeOID: UInt32) {
        guard let micros = PostgresText.parseTimestamp(text) else { return nil }
        switch micros {
        case .max: self = .distantFuture
        case .min: self = .distantPast
        default: self = PostgresText.date(microseconds: micros)
        }
    }

    /// timestamp (without time zone) and date are read as UTC.
    public static func accepts(typeOID: UInt32) -> Bool {
        typeOID == PostgresType.timestamptz || typeOID == PostgresType.timestamp || typeOID == PostgresType.date
    }
}

extension Data: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>, typeOID: UInt32) {
        guard let bytes = PostgresText.parseByteaHex(text) else { return nil }
        self = Data(bytes)
    }

    public static func accepts(typeOID: UInt32) -> Bool { typeOID == PostgresType.bytea }
}

extension UUID: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>, typeOID: UInt32) {
        guard let value = UUID(uuidString: String(decoding: text, as: UTF8.self)) else { return nil }
        self = value
    }

    public static func accepts(typeOID: UInt32) -> Bool {
        typeOID == PostgresType.uuid || typeOID == PostgresType.text || typeOID == PostgresType.varchar
    }
}
