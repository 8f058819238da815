/// Small byte-level helpers shared by the writer and the reader.

/// Bits needed to represent `value` (0 for 0).
func bitWidth(of value: Int) -> Int { value <= 0 ? 0 : Int.bitWidth - value.leadingZeroBitCount }

@inline(__always) func appendLE(_ v: UInt32, to out: inout [UInt8]) {
    withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
}

func leBytes<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
func leBytes<T: BinaryFloatingPoint>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v) { Array($0) } }
