/// PLAIN and dictionary value decoding into a `ColumnBuilder`. Every count is checked against
/// the bytes present before the builder grows.
extension ColumnBuilder {
    /// Appends `n` PLAIN-encoded values from `raw`.
    mutating func appendPlain(_ raw: UnsafeRawBufferPointer, count n: Int) throws {
        func need(_ bytesPerValue: Int) throws {
            let (total, overflow) = n.multipliedReportingOverflow(by: bytesPerValue)
            guard !overflow, total <= raw.count else {
                throw ParquetError(.corruptPage, "column '\(column.name)': \(n) PLAIN values need more than the \(raw.count) bytes in the page")
            }
        }
        switch kind {
        case .boolean:
            guard (n + 7) / 8 <= raw.count else {
                throw ParquetError(.corruptPage, "column '\(column.name)': \(n) booleans need more than the \(raw.count) bytes in the page")
            }
            reserveMore(&bools, n)
            for i in 0..<n { bools.append(raw[i >> 3] & (1 << UInt8(i & 7)) != 0) }
        case .int32:
            try need(4)
            Self.appendRaw(&int32s, raw, n, zero: 0)
        case .float:
            try need(4)
            Self.appendRaw(&floats, raw, n, zero: 0)
        case .double:
            try need(8)
            Self.appendRaw(&doubles, raw, n, zero: 0)
        case .int64:
            if column.storage == .int96 {
                try need(12)
                reserveMore(&int64s, n)
                for i in 0..<n { int64s.append(TimestampConversion.int96Micros(raw.baseAddress! + 12 * i)) }
            } else {
                try need(8)
                let start = int64s.count
                Self.appendRaw(&int64s, raw, n, zero: 0)
                try convertTimestamps(from: start)
            }
        case .byteArray:
            if case .fixedLength(let length) = column.storage {
                try need(length)
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<(n * length)]))
                var end = offsets.last!
                for _ in 0..<n {
                    end += length
                    offsets.append(end)
                }
                return
            }
            // Each value takes at least its 4-byte length.
            guard n <= raw.count / 4 else {
                throw ParquetError(.corruptPage, "column '\(column.name)': \(n) byte arrays cannot fit in \(raw.count) bytes")
            }
            var pos = 0
            var end = offsets.last!
            reserveMore(&offsets, n)
            reserveMore(&bytes, raw.count - 4 * n)
            for _ in 0..<n {
                guard raw.count - pos >= 4 else {
                    throw ParquetError(.corruptPage, "column '\(column.name)': byte-array length truncated")
                }
                let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: pos, as: UInt32.self)))
                pos += 4
                guard length <= raw.count - pos else {
                    throw ParquetError(.corruptPage, "column '\(column.name)': byte array of \(length) bytes exceeds the page")
                }
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[pos..<(pos + length)]))
                pos += length
                end += length
                offsets.append(end)
            }
        }
    }

    /// INT64 timestamps stored in millis or nanos become micros.
    private mutating func convertTimestamps(from start: Int) throws {
        guard case .timestamp(let unit, _) = column.type, unit != .micros else { return }
        for i in start..<int64s.count {
            guard let micros = TimestampConversion.micros(int64s[i], from: unit) else {
                throw ParquetError(.corruptPage, "column '\(column.name)': timestamp \(int64s[i]) \(unit.rawValue) does not fit in microseconds")
            }
            int64s[i] = micros
        }
    }

    private static func appendRaw<T>(_ array: inout [T], _ raw: UnsafeRawBufferPointer, _ n: Int, zero: T) {
        guard n > 0 else { return }
        let start = array.count
        array.append(contentsOf: repeatElement(zero, count: n))
        array.withUnsafeMutableBytes { dst in
            let size = MemoryLayout<T>.stride
            (dst.baseAddress! + start * size).copyMemory(from: raw.baseAddress!, byteCount: n * size)
        }
    }

    /// The builder's values as a dictionary (after decoding a dictionary page into a fresh builder).
    var asDictionary: DictionaryValues {
        switch kind {
        case .boolean: .none
        case .int32: .int32(int32s)
        case .int64: .int64(int64s)
        case .float: .float(floats)
        case .double: .double(doubles)
        case .byteArray: .byteArray(offsets: offsets, bytes: bytes)
        }
    }

    /// Appends the dictionary entries named by `indices`.
    mutating func appendFromDictionary(_ dict: DictionaryValues, indices: UnsafeBufferPointer<Int32>) throws {
        let size = UInt32(dict.count)
        for index in indices where UInt32(bitPattern: index) >= size {
            throw ParquetError(.corruptPage, "column '\(column.name)': dictionary index \(index) out of range (\(size) entries)")
        }
        switch dict {
        case .none:
            throw ParquetError(.corruptPage, "column '\(column.name)': dictionary-encoded page without a dictionary page")
        case .int32(let d): Self.gather(&int32s, d, indices)
        case .int64(let d): Self.gather(&int64s, d, indices)
        case .float(let d): Self.gather(&floats, d, indices)
        case .double(let d): Self.gather(&doubles, d, indices)
        case .byteArray(let dOffsets, let dBytes):
            // Size first, then copy with raw pointers: no per-value array growth.
            var total = 0
            dOffsets.withUnsafeBufferPointer { o in
                for index in indices { total += o[Int(index) + 1] - o[Int(index)] }
            }
            let byteStart = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: total))
            var end = offsets.last!
            reserveMore(&offsets, indices.count)
            bytes.withUnsafeMutableBufferPointer { out in
                dBytes.withUnsafeBufferPointer { src in
                    dOffsets.withUnsafeBufferPointer { o in
                        var p = byteStart
                        for index in indices {
                            let s = o[Int(index)], length = o[Int(index) + 1] - s
                            if length > 0 { (out.baseAddress! + p).update(from: src.baseAddress! + s, count: length) }
                            p += length
                            end += length
                            offsets.append(end)
                        }
                    }
                }
            }
        }
    }

    private static func gather<T>(_ array: inout [T], _ dict: [T], _ indices: UnsafeBufferPointer<Int32>) {
        reserveMore(&array, indices.count)
        dict.withUnsafeBufferPointer { d in
            for index in indices { array.append(d[Int(index)]) }
        }
    }
}

/// Makes room for `extra` more elements with geometric growth. (An exact `reserveCapacity` per
/// page would reallocate, and copy everything, on every page.)
@inline(__always) func reserveMore<T>(_ array: inout [T], _ extra: Int) {
    let needed = array.count + extra
    if array.capacity < needed { array.reserveCapacity(Swift.max(needed, array.capacity * 2)) }
}
