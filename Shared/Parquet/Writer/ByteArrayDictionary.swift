#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Open-addressing hash table of distinct byte strings for dictionary encoding. Entries live in
/// one contiguous buffer, so inserting or looking up a value never allocates per value.
struct ByteArrayDictionary {
    private(set) var bytes: [UInt8] = []
    /// Entry `i` is `bytes[offsets[i]..<offsets[i + 1]]`.
    private(set) var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    private var table: [Int32]
    private var mask: Int

    init() {
        table = [Int32](repeating: -1, count: 1024)
        mask = 1023
        bytes.reserveCapacity(16 * 1024)
        offsets.reserveCapacity(1024)
        hashes.reserveCapacity(1024)
    }

    var count: Int { hashes.count }

    /// Size of the dictionary page in PLAIN encoding (4-byte length + bytes per entry).
    var plainSize: Int { bytes.count + 4 * count }

    /// The index of `value`, inserting it if new.
    mutating func index(of value: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(value)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = table[slot]
            if entry < 0 { break }
            let e = Int(entry)
            if hashes[e] == hash {
                let start = offsets[e], length = offsets[e + 1] - start
                if length == value.count {
                    let equal = length == 0 || bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, value.baseAddress!, length) == 0 }
                    if equal { return entry }
                }
            }
            slot = (slot + 1) & mask
        }
        let index = Int32(count)
        table[slot] = index
        hashes.append(hash)
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
        if count * 2 > table.count { grow() }
        return index
    }

    private mutating func grow() {
        let size = table.count * 2
        table = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (i, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(i)
        }
    }

    /// A fast 64-bit hash (8 bytes per step with a multiply-xorshift mix).
    static func hash(_ value: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(value.count)
        var i = 0
        let n = value.count
        while i + 8 <= n {
            let word = value.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                word |= UInt64(value[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ word) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
        }
        return h
    }
}
