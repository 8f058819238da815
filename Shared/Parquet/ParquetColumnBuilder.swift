/// A column grown one row at a time in `ParquetColumnData`'s own layout (string bytes back to
/// back with their offsets, numbers in one dense array), so that rows waiting to be written take
/// about the size of their values and `build()` hands them to the writer without a copy.
///
/// Holding rows this way instead of as one struct per row (a `String` allocation per text
/// field) is what keeps a writer's buffered rows near the bytes it counts (issue #18).
public struct ParquetColumnBuilder: Sendable {
    public let type: ParquetType
    private var offsets: [Int] = []
    private var bytes: [UInt8] = []
    private var int64s: [Int64] = []
    private var int32s: [Int32] = []
    private var validity: [Bool] = []
    private var hasNull = false

    /// `string`, `binary`, `int64`, `timestamp`, `int32` and `date` columns.
    public init(type: ParquetType) throws {
        switch type {
        case .string, .binary: offsets = [0]
        case .int64, .timestamp, .int32, .date: break
        default: throw ParquetError(.invalidArgument, "a column builder takes text and integer columns, not \(type)")
        }
        self.type = type
    }

    public var count: Int { validity.count }

    /// Room for `rows` more rows (and `textBytes` of text) without growing.
    public mutating func reserveCapacity(rows: Int, textBytes: Int = 0) {
        validity.reserveCapacity(validity.count + rows)
        switch type {
        case .string, .binary:
            offsets.reserveCapacity(offsets.count + rows)
            bytes.reserveCapacity(bytes.count + textBytes)
        case .int32, .date: int32s.reserveCapacity(int32s.count + rows)
        default: int64s.reserveCapacity(int64s.count + rows)
        }
    }

    /// Bytes its arrays have allocated (values, offsets and validity, with the room each array
    /// keeps to grow): what a buffer counts against a memory budget.
    public var byteCount: Int {
        bytes.capacity + offsets.capacity * MemoryLayout<Int>.stride + int64s.capacity * 8 + int32s.capacity * 4 + validity.capacity
    }

    public mutating func append(_ value: String?) {
        precondition(type == .string || type == .binary, "append(String?) on a \(type) column")
        if var value {
            value.withUTF8 { bytes.append(contentsOf: $0) }
            validity.append(true)
        } else {
            hasNull = true
            validity.append(false)
        }
        offsets.append(bytes.count)
    }

    /// A text value given as its UTF-8 bytes (callers that format into a scratch buffer skip
    /// making a `String`).
    public mutating func append(utf8 value: UnsafeRawBufferPointer) {
        precondition(type == .string || type == .binary, "append(utf8:) on a \(type) column")
        bytes.append(contentsOf: value)
        validity.append(true)
        offsets.append(bytes.count)
    }

    /// For `int64` and `timestamp` (microseconds) columns.
    public mutating func append(_ value: Int64?) {
        precondition(isInt64, "append(Int64?) on a \(type) column")
        int64s.append(value ?? 0)
        note(value != nil)
    }

    /// For `int32` and `date` (days) columns.
    public mutating func append(_ value: Int32?) {
        precondition(isInt32, "append(Int32?) on a \(type) column")
        int32s.append(value ?? 0)
        note(value != nil)
    }

    /// The column as the writer takes it; the builder's storage moves into it.
    public func build() -> ParquetColumnData {
        let storage: ParquetColumnData.Storage =
            isInt64 ? .int64(int64s) : isInt32 ? .int32(int32s) : .byteArray(offsets: offsets, bytes: bytes)
        return ParquetColumnData(unchecked: type, storage: storage, validity: hasNull ? validity : nil)
    }

    private var isInt64: Bool {
        switch type {
        case .int64, .timestamp: true
        default: false
        }
    }

    private var isInt32: Bool { type == .int32 || type == .date }

    private mutating func note(_ present: Bool) {
        validity.append(present)
        if !present { hasNull = true }
    }
}
