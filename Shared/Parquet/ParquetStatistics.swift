/// A column chunk's statistics from the footer. Min/max are absent when the writer left them out
/// (all nulls, too long) or only wrote the deprecated fields with an unreliable order.
public struct ParquetStatistics: Sendable, Hashable {
    public let min: ParquetValue?
    public let max: ParquetValue?
    public let nullCount: Int64?
    public let distinctCount: Int64?

    init(_ s: Statistics, column: ParquetColumn) {
        nullCount = s.nullCount
        distinctCount = s.distinctCount
        // The deprecated min/max used signed byte order for strings; only trust them for numbers.
        let numeric = ValueKind(column.type) != .byteArray && column.storage != .int96
        let lo = s.minValue ?? (numeric ? s.min : nil)
        let hi = s.maxValue ?? (numeric ? s.max : nil)
        min = lo.flatMap { Self.decode($0, column) }
        max = hi.flatMap { Self.decode($0, column) }
    }

    private static func decode(_ bytes: [UInt8], _ column: ParquetColumn) -> ParquetValue? {
        func load<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard bytes.count == MemoryLayout<T>.size else { return nil }
            return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(as: T.self)) }
        }
        if column.storage == .int96 { return nil }
        switch column.type {
        case .boolean: return bytes.count == 1 ? .boolean(bytes[0] != 0) : nil
        case .int32: return load(Int32.self).map { .int32($0) }
        case .date: return load(Int32.self).map { .date($0) }
        case .int64: return load(Int64.self).map { .int64($0) }
        case .timestamp(let unit, _):
            return load(Int64.self).flatMap { TimestampConversion.micros($0, from: unit) }.map { .timestamp($0) }
        case .float: return load(UInt32.self).map { .float(Float(bitPattern: $0)) }
        case .double: return load(UInt64.self).map { .double(Double(bitPattern: $0)) }
        case .string: return .string(String(decoding: bytes, as: UTF8.self))
        case .binary: return .binary(bytes)
        }
    }
}
