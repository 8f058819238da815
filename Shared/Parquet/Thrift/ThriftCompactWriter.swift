/// Thrift compact-protocol encoder, just enough for Parquet's footer and page headers.
///
/// Parquet metadata is Thrift compact protocol: field headers pack the field-id delta and the type
/// into one byte, integers are zigzag varints, booleans live in the field header itself.
struct ThriftCompactWriter {
    private(set) var bytes: [UInt8] = []
    /// Last field id per open struct: deltas are relative to the previous field of the same struct.
    private var lastFieldIDs: [Int16] = []
    private var lastFieldID: Int16 = 0

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    // MARK: structure

    mutating func structBegin() {
        lastFieldIDs.append(lastFieldID)
        lastFieldID = 0
    }

    mutating func structEnd() {
        bytes.append(ThriftType.stop.rawValue)
        lastFieldID = lastFieldIDs.removeLast()
    }

    mutating func fieldHeader(_ id: Int16, _ type: ThriftType) {
        let delta = Int(id) - Int(lastFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeVarint(zigzag(Int64(id)))
        }
        lastFieldID = id
    }

    mutating func listHeader(_ count: Int, _ elementType: ThriftType) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    // MARK: fields

    mutating func field(_ id: Int16, i32 value: Int32) {
        fieldHeader(id, .i32)
        writeVarint(zigzag(Int64(value)))
    }

    mutating func field(_ id: Int16, i64 value: Int64) {
        fieldHeader(id, .i64)
        writeVarint(zigzag(value))
    }

    mutating func field(_ id: Int16, bool value: Bool) {
        fieldHeader(id, value ? .boolTrue : .boolFalse)
    }

    mutating func field(_ id: Int16, binary value: [UInt8]) {
        fieldHeader(id, .binary)
        writeBinary(value)
    }

    mutating func field(_ id: Int16, string value: String) {
        field(id, binary: Array(value.utf8))
    }

    /// Starts a struct-valued field; the caller writes the members and calls `structEnd()`.
    mutating func fieldStructBegin(_ id: Int16) {
        fieldHeader(id, .structType)
        structBegin()
    }

    mutating func field(_ id: Int16, i32List values: [Int32]) {
        fieldHeader(id, .list)
        listHeader(values.count, .i32)
        for value in values { writeVarint(zigzag(Int64(value))) }
    }

    mutating func field(_ id: Int16, stringList values: [String]) {
        fieldHeader(id, .list)
        listHeader(values.count, .binary)
        for value in values { writeBinary(Array(value.utf8)) }
    }

    /// Starts a list of structs; each element is written between `structBegin()` and `structEnd()`.
    mutating func fieldStructListBegin(_ id: Int16, count: Int) {
        fieldHeader(id, .list)
        listHeader(count, .structType)
    }

    // MARK: primitives

    mutating func writeBinary(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
}

/// Compact-protocol type codes (the low nibble of a field header).
enum ThriftType: UInt8 {
    case stop = 0, boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7
    case binary = 8, list = 9, set = 10, map = 11, structType = 12
}
