/// Accumulates one column's decoded values across pages and row groups, dense with a validity
/// mask, in the layout `ParquetColumnData` exposes.
struct ColumnBuilder {
    let column: ParquetColumn
    let kind: ValueKind
    var validity: [Bool] = []
    var hasNull = false
    var bools: [Bool] = []
    var int32s: [Int32] = []
    var int64s: [Int64] = []
    var floats: [Float] = []
    var doubles: [Double] = []
    var offsets: [Int] = [0]
    var bytes: [UInt8] = []

    init(column: ParquetColumn, expectedRows: Int64) {
        self.column = column
        self.kind = ValueKind(column.type)
        // The row count comes from the file: reserve only a bounded amount up front.
        let reserve = Int(min(max(expectedRows, 0), 1 << 20))
        if column.nullable { validity.reserveCapacity(reserve) }
        switch kind {
        case .boolean: bools.reserveCapacity(reserve)
        case .int32: int32s.reserveCapacity(reserve)
        case .int64: int64s.reserveCapacity(reserve)
        case .float: floats.reserveCapacity(reserve)
        case .double: doubles.reserveCapacity(reserve)
        case .byteArray: offsets.reserveCapacity(reserve + 1)
        }
    }

    var count: Int {
        switch kind {
        case .boolean: bools.count
        case .int32: int32s.count
        case .int64: int64s.count
        case .float: floats.count
        case .double: doubles.count
        case .byteArray: offsets.count - 1
        }
    }

    /// After `nonNull` values were appended for a page of `levels.count` rows, moves them to their
    /// rows and fills null slots with zero (empty for byte arrays).
    mutating func spread(levels: UnsafeBufferPointer<Int32>, nonNull: Int) {
        let n = levels.count
        if column.nullable {
            for level in levels { validity.append(level != 0) }
        }
        guard nonNull < n else { return }
        hasNull = true
        switch kind {
        case .boolean: Self.expand(&bools, levels, nonNull, zero: false)
        case .int32: Self.expand(&int32s, levels, nonNull, zero: 0)
        case .int64: Self.expand(&int64s, levels, nonNull, zero: 0)
        case .float: Self.expand(&floats, levels, nonNull, zero: 0)
        case .double: Self.expand(&doubles, levels, nonNull, zero: 0)
        case .byteArray:
            let base = offsets.count - 1 - nonNull  // index of the offset the page's values start from
            offsets.append(contentsOf: repeatElement(0, count: n - nonNull))
            offsets.withUnsafeMutableBufferPointer { off in
                var src = nonNull - 1
                for r in stride(from: n - 1, through: 0, by: -1) {
                    if levels[r] != 0 {
                        off[base + 1 + r] = off[base + 1 + src]
                        src -= 1
                    } else {
                        off[base + 1 + r] = src >= 0 ? off[base + 1 + src] : off[base]
                    }
                }
            }
        }
    }

    /// Backward in-place expansion: the last `nonNull` elements move to the positions of the
    /// non-null levels among the last `levels.count` slots.
    private static func expand<T>(_ array: inout [T], _ levels: UnsafeBufferPointer<Int32>, _ nonNull: Int, zero: T) {
        let n = levels.count
        let base = array.count - nonNull
        array.append(contentsOf: repeatElement(zero, count: n - nonNull))
        array.withUnsafeMutableBufferPointer { a in
            var src = base + nonNull - 1
            for r in stride(from: n - 1, through: 0, by: -1) {
                if levels[r] != 0 {
                    a[base + r] = a[src]
                    src -= 1
                } else {
                    a[base + r] = zero
                }
            }
        }
    }

    /// Marks `n` rows present (required columns, or pages without nulls).
    mutating func allPresent(_ n: Int) {
        if column.nullable { validity.append(contentsOf: repeatElement(true, count: n)) }
    }

    func finish() -> ParquetColumnData {
        let storage: ParquetColumnData.Storage
        switch kind {
        case .boolean: storage = .boolean(bools)
        case .int32: storage = .int32(int32s)
        case .int64: storage = .int64(int64s)
        case .float: storage = .float(floats)
        case .double: storage = .double(doubles)
        case .byteArray: storage = .byteArray(offsets: offsets, bytes: bytes)
        }
        return ParquetColumnData(unchecked: column.type, storage: storage, validity: hasNull ? validity : nil)
    }
}
