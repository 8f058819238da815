/// Thrift compact-protocol decoder that treats its input as hostile.
///
/// Every length is checked against the bytes left before anything is allocated, list sizes are
/// bounded by the bytes left (each element takes at least one byte), and nesting is bounded so a
/// crafted footer cannot exhaust the stack.
struct ThriftCompactReader {
    static let maxDepth = 32

    let bytes: [UInt8]
    private(set) var position: Int
    let end: Int
    private var depth = 0
    /// What the bytes are (footer, page header): named in error messages.
    let context: String

    init(bytes: [UInt8], start: Int, end: Int, context: String) {
        self.bytes = bytes
        self.position = start
        self.end = min(end, bytes.count)
        self.context = context
    }

    var remaining: Int { end - position }

    func corrupt(_ what: String) -> ParquetError {
        ParquetError(.corruptMetadata, "corrupt \(context): \(what) at byte \(position)")
    }

    mutating func readByte() throws -> UInt8 {
        guard position < end else { throw corrupt("unexpected end of data") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            guard shift < 64 else { throw corrupt("varint longer than 10 bytes") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func readI64() throws -> Int64 {
        let v = try readVarint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    mutating func readI32() throws -> Int32 {
        let v = try readI64()
        guard let narrowed = Int32(exactly: v) else { throw corrupt("i32 out of range (\(v))") }
        return narrowed
    }

    mutating func readI16() throws -> Int16 {
        let v = try readI64()
        guard let narrowed = Int16(exactly: v) else { throw corrupt("i16 out of range (\(v))") }
        return narrowed
    }

    mutating func readBinary() throws -> [UInt8] {
        let length = try readVarint()
        guard length <= UInt64(remaining) else { throw corrupt("binary length \(length) exceeds the \(remaining) bytes left") }
        let start = position
        position += Int(length)
        return Array(bytes[start..<position])
    }

    mutating func readString() throws -> String {
        String(decoding: try readBinary(), as: UTF8.self)
    }

    /// Reads one struct, calling `body` for each field header; `body` must consume or skip the value.
    mutating func readStruct(_ body: (inout ThriftCompactReader, Int16, ThriftType) throws -> Void) throws {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw corrupt("structures nested deeper than \(Self.maxDepth)") }
        var lastID: Int16 = 0
        while true {
            let header = try readByte()
            if header == 0 { return }
            guard let type = ThriftType(rawValue: header & 0x0F), type != .stop else {
                throw corrupt("invalid field type \(header & 0x0F)")
            }
            let delta = Int16(header >> 4)
            let id: Int16
            if delta == 0 {
                id = try readI16()
            } else {
                let (sum, overflow) = lastID.addingReportingOverflow(delta)
                guard !overflow else { throw corrupt("field id overflow") }
                id = sum
            }
            lastID = id
            try body(&self, id, type)
        }
    }

    /// Reads a list header, then calls `body` once per element with the element type.
    mutating func readList(_ body: (inout ThriftCompactReader, ThriftType) throws -> Void) throws {
        let header = try readByte()
        var count = Int(header >> 4)
        if count == 15 {
            let big = try readVarint()
            guard big <= UInt64(remaining) else { throw corrupt("list of \(big) elements in \(remaining) bytes") }
            count = Int(big)
        }
        guard count <= remaining else { throw corrupt("list of \(count) elements in \(remaining) bytes") }
        guard let type = ThriftType(rawValue: header & 0x0F) else { throw corrupt("invalid list element type") }
        for _ in 0..<count { try body(&self, type) }
    }

    /// Reads a bool that is either a field (value in the type nibble) or a list element (one byte).
    func fieldBool(_ type: ThriftType) throws -> Bool {
        switch type {
        case .boolTrue: return true
        case .boolFalse: return false
        default: throw corrupt("expected a bool field, found type \(type)")
        }
    }

    /// Checks a field has the expected wire type before decoding it.
    func expect(_ actual: ThriftType, _ expected: ThriftType, field: String) throws {
        guard actual == expected else { throw corrupt("field \(field) has wire type \(actual), expected \(expected)") }
    }

    /// Skips a value of `type`; `inList` distinguishes one-byte list bools from header-encoded field bools.
    mutating func skip(_ type: ThriftType, inList: Bool = false) throws {
        switch type {
        case .stop: throw corrupt("unexpected stop")
        case .boolTrue, .boolFalse: if inList { _ = try readByte() }
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double:
            guard remaining >= 8 else { throw corrupt("truncated double") }
            position += 8
        case .binary: _ = try readBinary()
        case .list, .set:
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maxDepth else { throw corrupt("structures nested deeper than \(Self.maxDepth)") }
            try readList { r, t in try r.skip(t, inList: true) }
        case .map:
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maxDepth else { throw corrupt("structures nested deeper than \(Self.maxDepth)") }
            let count = try readVarint()
            guard count <= UInt64(remaining) else { throw corrupt("map of \(count) entries in \(remaining) bytes") }
            if count > 0 {
                let types = try readByte()
                guard let k = ThriftType(rawValue: types >> 4), let v = ThriftType(rawValue: types & 0x0F) else {
                    throw corrupt("invalid map types")
                }
                for _ in 0..<count {
                    try skip(k, inList: true)
                    try skip(v, inList: true)
                }
            }
        case .structType:
            try readStruct { r, _, t in try r.skip(t) }
        }
    }
}
