#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Column-chunk statistics, computed at flush over the buffered values (over the dictionary
/// entries for dictionary-encoded chunks: every entry occurs in the chunk).
extension ColumnWriter {
    /// min_value / max_value in PLAIN encoding and null_count, over the buffered chunk.
    func statistics() -> Statistics {
        var stats = Statistics()
        stats.nullCount = Int64(nulls)
        let limit = options.statisticsMaxValueBytes
        func set(_ minMax: ([UInt8], [UInt8])?) {
            guard let (lo, hi) = minMax, lo.count <= limit, hi.count <= limit else { return }
            stats.minValue = lo
            stats.maxValue = hi
        }
        switch kind {
        case .boolean:
            if !bools.isEmpty {
                let lo: UInt8 = bools.contains(false) ? 0 : 1, hi: UInt8 = bools.contains(true) ? 1 : 0
                set(([lo], [hi]))
            }
        case .int32: if let lo = int32s.min(), let hi = int32s.max() { set((leBytes(lo), leBytes(hi))) }
        case .int64: if let lo = int64s.min(), let hi = int64s.max() { set((leBytes(lo), leBytes(hi))) }
        case .float: set(floatMinMax(floats).map { (leBytes($0.0), leBytes($0.1)) })
        case .double: set(floatMinMax(doubles).map { (leBytes($0.0), leBytes($0.1)) })
        case .byteArray:
            if let dict = dictionary {
                if dict.count > 0 { set(bytesMinMax(bytes: dict.bytes, offsets: dict.offsets, count: dict.count)) }
            } else if plainOffsets.count > 1 {
                set(bytesMinMax(bytes: plainBytes, offsets: plainOffsets, count: plainOffsets.count - 1))
            }
        }
        return stats
    }

    /// Min/max ignoring NaN; -0.0 as min and +0.0 as max, as the spec asks.
    private func floatMinMax<T: BinaryFloatingPoint>(_ values: [T]) -> (T, T)? {
        var lo: T?, hi: T?
        for v in values where !v.isNaN {
            if lo == nil || v < lo! { lo = v }
            if hi == nil || v > hi! { hi = v }
        }
        guard var lo, var hi else { return nil }
        if lo == 0 { lo = -0.0 }
        if hi == 0 { hi = 0.0 }
        return (lo, hi)
    }

    /// Unsigned lexicographic min/max of byte strings (the order Parquet defines for UTF-8).
    private func bytesMinMax(bytes: [UInt8], offsets: [Int], count: Int) -> ([UInt8], [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            var lo = 0, hi = 0
            func slice(_ i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: buffer[offsets[i]..<offsets[i + 1]]) }
            // memcmp, then length: unsigned lexicographic order.
            func less(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
                let n = Swift.min(a.count, b.count)
                let c = n == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, n)
                return c < 0 || (c == 0 && a.count < b.count)
            }
            for i in 1..<count {
                let s = slice(i)
                if less(s, slice(lo)) { lo = i }
                if less(slice(hi), s) { hi = i }
            }
            return (Array(slice(lo)), Array(slice(hi)))
        }
    }
}
