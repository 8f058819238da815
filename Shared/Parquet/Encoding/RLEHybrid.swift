/// The RLE / bit-packed hybrid encoding used for definition levels, dictionary indices and RLE
/// booleans: a sequence of runs, each either "value × count" or groups of 8 bit-packed values.
enum RLEHybrid {
    /// Appends the encoding of `values` (each < 2^bitWidth) to `out`.
    static func encode(_ values: UnsafeBufferPointer<Int32>, bitWidth: Int, into out: inout [UInt8]) {
        let n = values.count
        let valueBytes = (bitWidth + 7) / 8
        var i = 0
        while i < n {
            let runLength = Self.runLength(values, from: i, limit: n)
            if runLength >= 8 {
                appendVarint(UInt64(runLength) << 1, to: &out)
                let v = UInt32(bitPattern: values[i])
                for b in 0..<valueBytes { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(b)))) }
                i += runLength
                continue
            }
            // Bit-pack groups of 8 until a long run starts on a group boundary.
            let start = i
            var groups = 0
            repeat {
                i += 8
                groups += 1
            } while i < n && groups < 63 && Self.runLength(values, from: i, limit: min(n, i + 8)) < 8
            appendVarint(UInt64(groups) << 1 | 1, to: &out)
            var acc: UInt64 = 0
            var bits = 0
            for k in start..<(start + groups * 8) {
                let v = k < n ? UInt64(UInt32(bitPattern: values[k])) : 0
                acc |= v << UInt64(bits)
                bits += bitWidth
                while bits >= 8 {
                    out.append(UInt8(truncatingIfNeeded: acc))
                    acc >>= 8
                    bits -= 8
                }
            }
            if bits > 0 { out.append(UInt8(truncatingIfNeeded: acc)) }  // unreachable: 8 values × width bits is whole bytes
            i = min(i, n)
        }
    }

    private static func runLength(_ values: UnsafeBufferPointer<Int32>, from start: Int, limit: Int) -> Int {
        let v = values[start]
        var j = start + 1
        while j < limit && values[j] == v { j += 1 }
        return j - start
    }

    static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// Decodes exactly `count` values from `input`, appending them to `out`; returns the bytes
    /// consumed. Throws if the input ends first. Every loop iteration consumes input, and run
    /// lengths are clamped to `count`, so lying run headers cannot cause a hang or huge allocation.
    @discardableResult
    static func decode(
        _ input: UnsafeRawBufferPointer, bitWidth: Int, count: Int, into out: inout [Int32], what: @autoclosure () -> String
    ) throws -> Int {
        guard (0...32).contains(bitWidth) else {
            throw ParquetError(.corruptPage, "\(what()): bit width \(bitWidth) out of range")
        }
        let mask: UInt64 = bitWidth == 32 ? 0xFFFF_FFFF : (1 << UInt64(bitWidth)) - 1
        let valueBytes = (bitWidth + 7) / 8
        var pos = 0
        var produced = 0
        let end = input.count
        reserveMore(&out, count)
        while produced < count {
            // Run header (varint).
            var header: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard pos < end else {
                    throw ParquetError(.corruptPage, "\(what()): RLE/bit-packed data ends after \(produced) of \(count) values")
                }
                let byte = input[pos]
                pos += 1
                guard shift < 64 else { throw ParquetError(.corruptPage, "\(what()): run header varint too long") }
                header |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { break }
                shift += 7
            }
            let wanted = count - produced
            if header & 1 == 0 {
                let runLength = header >> 1
                guard end - pos >= valueBytes else {
                    throw ParquetError(.corruptPage, "\(what()): RLE run value truncated")
                }
                var value: UInt64 = 0
                for b in 0..<valueBytes { value |= UInt64(input[pos + b]) << UInt64(8 * b) }
                pos += valueBytes
                let take = Int(min(runLength, UInt64(wanted)))
                out.append(contentsOf: repeatElement(Int32(truncatingIfNeeded: value & mask), count: take))
                produced += take
            } else {
                let groups = header >> 1
                let runValues = groups.multipliedReportingOverflow(by: 8)
                let take = runValues.overflow ? wanted : Int(min(runValues.partialValue, UInt64(wanted)))
                // Writers may end the last run early; only the values asked for must be present.
                let bitsNeeded = take * bitWidth
                let bytesNeeded = (bitsNeeded + 7) / 8
                guard end - pos >= bytesNeeded else {
                    throw ParquetError(.corruptPage, "\(what()): bit-packed run truncated")
                }
                var acc: UInt64 = 0
                var bits = 0
                var p = pos
                for _ in 0..<take {
                    while bits < bitWidth {
                        acc |= UInt64(input[p]) << UInt64(bits)
                        p += 1
                        bits += 8
                    }
                    out.append(Int32(truncatingIfNeeded: acc & mask))
                    acc >>= UInt64(bitWidth)
                    bits -= bitWidth
                }
                // Skip the whole run (including padding) when it is present, else what was read.
                let fullBytes = runValues.overflow ? UInt64.max : groups * UInt64(bitWidth)
                pos = fullBytes <= UInt64(end - pos) ? pos + Int(fullBytes) : p
                produced += take
            }
        }
        return pos
    }
}
