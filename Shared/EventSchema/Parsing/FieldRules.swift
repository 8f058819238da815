import Foundation

/// The per-field value rules of docs/CONTRACT.md, applied to a string's decoded UTF-8 content.
/// Each throws an `EventValidationError` whose message starts with the field name.
enum FieldRules {
    static func uuid(_ bytes: UnsafeRawBufferPointer, field: EventField) throws(EventValidationError) -> UUID {
        guard bytes.count == 36 else { throw invalidUUID(bytes, field) }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var valid = true
        withUnsafeMutableBytes(of: &uuid) { raw in
            var index = 0
            var high = true
            for (offset, byte) in bytes.enumerated() {
                if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                    if byte != UInt8(ascii: "-") { valid = false }
                    continue
                }
                guard let nibble = hexValue(byte) else { valid = false; return }
                if high { raw[index] = nibble << 4 } else { raw[index] |= nibble; index += 1 }
                high.toggle()
            }
        }
        guard valid else { throw invalidUUID(bytes, field) }
        return UUID(uuid: uuid)
    }

    /// track_id, artist_id, album_id: 1–64 ASCII characters of `[A-Za-z0-9:_-]`.
    static func identifier(_ bytes: UnsafeRawBufferPointer, field: EventField) throws(EventValidationError) -> String {
        if bytes.count > EventLimits.identifier.upperBound {
            throw error(field, .tooLong, "must be at most \(EventLimits.identifier.upperBound) characters, got \(scalarCount(bytes))")
        }
        if bytes.isEmpty { throw error(field, .invalidValue, "must not be empty") }
        for byte in bytes where !isIdentifierByte(byte) {
            throw error(field, .invalidValue, "must contain only letters, digits, ':', '_' and '-', got \(TextSnippet.quoted(bytes))")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Free text bounded in Unicode scalars.
    static func text(
        _ bytes: UnsafeRawBufferPointer, field: EventField, limits: ClosedRange<Int>
    ) throws(EventValidationError) -> String {
        // Byte count bounds the scalar count from above, so most strings skip the count.
        let count = bytes.count <= limits.upperBound ? bytes.count : scalarCount(bytes)
        if count > limits.upperBound {
            throw error(field, .tooLong, "must be at most \(limits.upperBound) characters, got \(count)")
        }
        // Every lower bound in EventLimits is 0 or 1.
        if limits.lowerBound > 0, bytes.isEmpty { throw error(field, .invalidValue, "must not be empty") }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func timestamp(_ bytes: UnsafeRawBufferPointer, field: EventField) throws(EventValidationError) -> EventTimestamp {
        guard let timestamp = RFC3339.parse(bytes) else {
            throw error(field, .invalidValue, "must be an RFC 3339 timestamp like 2025-11-18T14:23:15Z, got \(TextSnippet.quoted(bytes))")
        }
        return timestamp
    }

    /// One of an enum's raw values (they are short, so the String is usually stored inline).
    static func oneOf<Value: RawRepresentable & CaseIterable>(
        _ bytes: UnsafeRawBufferPointer, field: EventField, _ type: Value.Type
    ) throws(EventValidationError) -> Value where Value.RawValue == String {
        if let value = Value(rawValue: String(decoding: bytes, as: UTF8.self)) { return value }
        let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
        throw error(field, .invalidValue, "must be one of \(allowed), got \(TextSnippet.quoted(bytes))")
    }

    static func error(_ field: EventField, _ reason: EventValidationError.Reason, _ detail: String) -> EventValidationError {
        EventValidationError(field: field.nameString, reason: reason, message: "\(field.nameString): \(detail)")
    }

    static func scalarCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: ":"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func invalidUUID(_ bytes: UnsafeRawBufferPointer, _ field: EventField) -> EventValidationError {
        error(field, .invalidValue, "must be a UUID like 6f1c1a0e-2b9f-4d3e-9a51-6c7d8e9f0a1b, got \(TextSnippet.quoted(bytes))")
    }
}
