import Parquet
import Postgres

/// One decoded Parquet column, ready to be written value by value into COPY rows without
/// creating a String or enum per value.
struct CopyColumnSource {
    private enum Values {
        case text(offsets: [Int], bytes: [UInt8])
        case int64([Int64])
        case int32([Int32])
        case timestamp([Int64])
    }

    private let values: Values
    private let validity: [Bool]?
    let count: Int

    init(_ data: ParquetColumnData) throws {
        validity = data.validity
        count = data.count
        switch (data.type, data.storage) {
        case (.timestamp, .int64(let v)): values = .timestamp(v)
        case (_, .int64(let v)): values = .int64(v)
        case (_, .int32(let v)): values = .int32(v)
        case (_, .byteArray(let offsets, let bytes)): values = .text(offsets: offsets, bytes: bytes)
        default: throw FileRejection("column of type \(data.type) cannot be loaded")
        }
    }

    @inline(__always)
    func append(row: Int, to writer: PostgresCopyWriter) {
        if let validity, !validity[row] { return writer.appendNull() }
        switch values {
        case .text(let offsets, let bytes):
            bytes.withUnsafeBufferPointer { buffer in
                writer.append(utf8: UnsafeBufferPointer(rebasing: buffer[offsets[row]..<offsets[row + 1]]))
            }
        case .int64(let v): writer.append(v[row])
        case .int32(let v): writer.append(Int64(v[row]))
        case .timestamp(let v): writer.append(timestampMicroseconds: v[row])
        }
    }
}
