extension ParquetColumnData {
    /// The values at `rows`, in that order (Arrow's `take`): same type, nulls kept. Used to carry
    /// a file's surviving rows into another file (lake-writer's compaction drops rows already
    /// taken from an earlier roll). Every index must be in `0..<count`.
    public func selecting(_ rows: [Int]) -> ParquetColumnData {
        let validity = self.validity.map { mask in rows.map { mask[$0] } }
        let storage: Storage
        switch self.storage {
        case .boolean(let v): storage = .boolean(rows.map { v[$0] })
        case .int32(let v): storage = .int32(rows.map { v[$0] })
        case .int64(let v): storage = .int64(rows.map { v[$0] })
        case .float(let v): storage = .float(rows.map { v[$0] })
        case .double(let v): storage = .double(rows.map { v[$0] })
        case .byteArray(let offsets, let bytes):
            var newOffsets = [Int]()
            newOffsets.reserveCapacity(rows.count + 1)
            newOffsets.append(0)
            var newBytes = [UInt8]()
            newBytes.reserveCapacity(rows.reduce(0) { $0 + offsets[$1 + 1] - offsets[$1] })
            for row in rows {
                newBytes.append(contentsOf: bytes[offsets[row]..<offsets[row + 1]])
                newOffsets.append(newBytes.count)
            }
            storage = .byteArray(offsets: newOffsets, bytes: newBytes)
        }
        return ParquetColumnData(unchecked: type, storage: storage, validity: validity)
    }
}
