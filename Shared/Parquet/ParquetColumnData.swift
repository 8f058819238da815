/// A column's values in columnar form: one dense typed array (null slots hold 0 or empty) plus
/// an optional validity mask. This is what the reader returns and what batch writing takes; it
/// avoids a per-value enum or String so large columns stay cheap.
public struct ParquetColumnData: Sendable {
    /// Dense values, one slot per row. Timestamps are Int64 microseconds, dates Int32 days.
    public enum Storage: Sendable {
        case boolean([Bool])
        case int32([Int32])
        case int64([Int64])
        case float([Float])
        case double([Double])
        /// Value `i` is `bytes[offsets[i]..<offsets[i + 1]]`; `offsets.count == count + 1`.
        case byteArray(offsets: [Int], bytes: [UInt8])
    }

    public let type: ParquetType
    public let storage: Storage
    /// `validity[i] == false` means row `i` is null; nil means no row is null.
    public let validity: [Bool]?

    /// Checks the storage kind fits the type and the array lengths agree.
    public init(type: ParquetType, storage: Storage, validity: [Bool]? = nil) throws {
        let count: Int
        switch (type, storage) {
        case (.boolean, .boolean(let v)): count = v.count
        case (.int32, .int32(let v)), (.date, .int32(let v)): count = v.count
        case (.int64, .int64(let v)), (.timestamp, .int64(let v)): count = v.count
        case (.float, .float(let v)): count = v.count
        case (.double, .double(let v)): count = v.count
        case (.string, .byteArray(let offsets, let bytes)), (.binary, .byteArray(let offsets, let bytes)):
            guard let first = offsets.first, first == 0, offsets.last! <= bytes.count,
                  zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                throw ParquetError(.invalidArgument, "byte-array offsets must start at 0, never decrease and stay within the bytes")
            }
            count = offsets.count - 1
        default:
            throw ParquetError(.invalidArgument, "storage \(storage.kindName) does not fit type \(type)")
        }
        if let validity, validity.count != count {
            throw ParquetError(.invalidArgument, "validity has \(validity.count) entries for \(count) values")
        }
        self.type = type
        self.storage = storage
        self.validity = validity
    }

    /// For the reader, which builds consistent storage itself.
    init(unchecked type: ParquetType, storage: Storage, validity: [Bool]?) {
        self.type = type
        self.storage = storage
        self.validity = validity
    }

    public var count: Int {
        switch storage {
        case .boolean(let v): v.count
        case .int32(let v): v.count
        case .int64(let v): v.count
        case .float(let v): v.count
        case .double(let v): v.count
        case .byteArray(let offsets, _): offsets.count - 1
        }
    }

    public var nullCount: Int { validity.map { v in v.count(where: { !$0 }) } ?? 0 }

    public func isNull(_ index: Int) -> Bool { validity.map { !$0[index] } ?? false }

    /// The value at `index` as an enum (convenient, not fast).
    public subscript(index: Int) -> ParquetValue {
        if isNull(index) { return .null }
        switch storage {
        case .boolean(let v): return .boolean(v[index])
        case .int32(let v): return type == .date ? .date(v[index]) : .int32(v[index])
        case .int64(let v):
            if case .timestamp = type { return .timestamp(v[index]) }
            return .int64(v[index])
        case .float(let v): return .float(v[index])
        case .double(let v): return .double(v[index])
        case .byteArray(let offsets, let bytes):
            let slice = bytes[offsets[index]..<offsets[index + 1]]
            return type == .string ? .string(String(decoding: slice, as: UTF8.self)) : .binary(Array(slice))
        }
    }

    /// Every value as an enum.
    public var values: [ParquetValue] { (0..<count).map { self[$0] } }

    // MARK: typed views (nil where the row is null)

    /// String (or binary, decoded as UTF-8) values.
    public func strings() -> [String?] {
        guard case .byteArray(let offsets, let bytes) = storage else { return Array(repeating: nil, count: count) }
        return bytes.withUnsafeBufferPointer { buffer in
            (0..<count).map { i in
                isNull(i) ? nil : String(decoding: UnsafeBufferPointer(rebasing: buffer[offsets[i]..<offsets[i + 1]]), as: UTF8.self)
            }
        }
    }

    /// Int64, timestamp (microseconds) and int32/date (widened) values.
    public func int64s() -> [Int64?] {
        switch storage {
        case .int64(let v): return v.indices.map { isNull($0) ? nil : v[$0] }
        case .int32(let v): return v.indices.map { isNull($0) ? nil : Int64(v[$0]) }
        default: return Array(repeating: nil, count: count)
        }
    }

    public func int32s() -> [Int32?] {
        guard case .int32(let v) = storage else { return Array(repeating: nil, count: count) }
        return v.indices.map { isNull($0) ? nil : v[$0] }
    }

    /// Double and float (widened) values.
    public func doubles() -> [Double?] {
        switch storage {
        case .double(let v): return v.indices.map { isNull($0) ? nil : v[$0] }
        case .float(let v): return v.indices.map { isNull($0) ? nil : Double(v[$0]) }
        default: return Array(repeating: nil, count: count)
        }
    }

    public func booleans() -> [Bool?] {
        guard case .boolean(let v) = storage else { return Array(repeating: nil, count: count) }
        return v.indices.map { isNull($0) ? nil : v[$0] }
    }

    // MARK: building columns for batch writes

    public static func strings(_ values: [String?], type: ParquetType = .string) -> ParquetColumnData {
        // A text type, or a caller's error the builder reports with the type named.
        var column = try! ParquetColumnBuilder(type: type)
        column.reserveCapacity(rows: values.count, textBytes: values.count * 16)
        for value in values { column.append(value) }
        return column.build()
    }

    public static func int64s(_ values: [Int64?], type: ParquetType = .int64) -> ParquetColumnData {
        let (dense, validity) = densify(values, zero: 0)
        return ParquetColumnData(unchecked: type, storage: .int64(dense), validity: validity)
    }

    /// Microseconds since the epoch.
    public static func timestamps(_ values: [Int64?], type: ParquetType = .timestamp(.micros)) -> ParquetColumnData {
        int64s(values, type: type)
    }

    public static func int32s(_ values: [Int32?], type: ParquetType = .int32) -> ParquetColumnData {
        let (dense, validity) = densify(values, zero: 0)
        return ParquetColumnData(unchecked: type, storage: .int32(dense), validity: validity)
    }

    public static func doubles(_ values: [Double?]) -> ParquetColumnData {
        let (dense, validity) = densify(values, zero: 0)
        return ParquetColumnData(unchecked: .double, storage: .double(dense), validity: validity)
    }

    public static func floats(_ values: [Float?]) -> ParquetColumnData {
        let (dense, validity) = densify(values, zero: 0)
        return ParquetColumnData(unchecked: .float, storage: .float(dense), validity: validity)
    }

    public static func booleans(_ values: [Bool?]) -> ParquetColumnData {
        let (dense, validity) = densify(values, zero: false)
        return ParquetColumnData(unchecked: .boolean, storage: .boolean(dense), validity: validity)
    }

    private static func densify<T>(_ values: [T?], zero: T) -> ([T], [Bool]?) {
        var dense = [T]()
        dense.reserveCapacity(values.count)
        var validity = [Bool]()
        validity.reserveCapacity(values.count)
        var hasNull = false
        for value in values {
            if let value {
                dense.append(value)
                validity.append(true)
            } else {
                dense.append(zero)
                validity.append(false)
                hasNull = true
            }
        }
        return (dense, hasNull ? validity : nil)
    }
}

extension ParquetColumnData.Storage {
    var kindName: String {
        switch self {
        case .boolean: "boolean"
        case .int32: "int32"
        case .int64: "int64"
        case .float: "float"
        case .double: "double"
        case .byteArray: "byteArray"
        }
    }
}
