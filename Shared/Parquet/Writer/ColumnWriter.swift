/// Buffers one column's values for the current row group and writes them as a column chunk.
///
/// Values are kept dense (nulls only in the definition levels) in typed arrays that are reused
/// from one row group to the next, so steady-state writing allocates nothing per value. A struct
/// (mutated in place through the writer's array) so hot loops need no dynamic exclusivity checks.
struct ColumnWriter {
    let column: ParquetColumn
    let kind: ValueKind
    let options: ParquetWriterOptions

    private(set) var rows = 0
    private(set) var nulls = 0
    /// Definition levels (0 = null, 1 = present); only for nullable columns.
    private var levels: [Int32] = []

    private(set) var bools: [Bool] = []
    private(set) var int32s: [Int32] = []
    private(set) var int64s: [Int64] = []
    private(set) var floats: [Float] = []
    private(set) var doubles: [Double] = []

    /// Byte arrays while dictionary encoding: the dictionary and one index per non-null value.
    private(set) var dictionary: ByteArrayDictionary?
    private var indices: [Int32] = []
    /// Byte arrays in PLAIN mode (dictionary disabled or fallen back).
    private(set) var plainOffsets: [Int] = [0]
    private(set) var plainBytes: [UInt8] = []

    init(column: ParquetColumn, options: ParquetWriterOptions) {
        self.column = column
        self.kind = ValueKind(column.type)
        self.options = options
        resetDictionary()
    }

    private mutating func resetDictionary() {
        dictionary = kind == .byteArray && options.dictionaryEnabled ? ByteArrayDictionary() : nil
    }

    /// Approximate bytes buffered, for the row-group size limit.
    var bufferedBytes: Int {
        levels.count + bools.count + 4 * int32s.count + 8 * int64s.count + 4 * floats.count + 8 * doubles.count
            + 4 * indices.count + (dictionary?.plainSize ?? 0) + plainBytes.count + 8 * plainOffsets.count
    }

    // MARK: appending (the caller has checked types and nullability)

    @inline(__always) mutating func appendNull() {
        levels.append(0)
        rows += 1
        nulls += 1
    }

    @inline(__always) private mutating func present() {
        if column.nullable { levels.append(1) }
        rows += 1
    }

    @inline(__always) mutating func append(_ v: Bool) { present(); bools.append(v) }
    @inline(__always) mutating func append(_ v: Int32) { present(); int32s.append(v) }
    @inline(__always) mutating func append(_ v: Int64) { present(); int64s.append(v) }
    @inline(__always) mutating func append(_ v: Float) { present(); floats.append(v) }
    @inline(__always) mutating func append(_ v: Double) { present(); doubles.append(v) }

    @inline(__always) mutating func append(bytes: UnsafeRawBufferPointer) {
        present()
        if dictionary != nil {
            indices.append(dictionary!.index(of: bytes))
            if dictionary!.plainSize > options.dictionaryPageMaxBytes { fallBackToPlain() }
        } else {
            plainBytes.append(contentsOf: bytes)
            plainOffsets.append(plainBytes.count)
        }
    }

    /// The dictionary grew past its limit: re-encode what is buffered as PLAIN and continue so.
    private mutating func fallBackToPlain() {
        guard let dict = dictionary else { return }
        dictionary = nil
        plainBytes.reserveCapacity(dict.bytes.count * 2)
        plainOffsets.reserveCapacity(indices.count * 2)
        dict.bytes.withUnsafeBufferPointer { dbytes in
            for index in indices {
                let i = Int(index)
                plainBytes.append(contentsOf: UnsafeBufferPointer(rebasing: dbytes[dict.offsets[i]..<dict.offsets[i + 1]]))
                plainOffsets.append(plainBytes.count)
            }
        }
        indices.removeAll()
    }

    mutating func append(_ value: ParquetValue) {
        switch value {
        case .null: appendNull()
        case .boolean(let v): append(v)
        case .int32(let v), .date(let v): append(v)
        case .int64(let v), .timestamp(let v): append(v)
        case .float(let v): append(v)
        case .double(let v): append(v)
        case .string(var s): s.withUTF8 { append(bytes: UnsafeRawBufferPointer($0)) }
        case .binary(let b): b.withUnsafeBytes { append(bytes: $0) }
        }
    }

    /// Appends rows `range` of a batch column (already checked to fit this column).
    mutating func append(_ data: ParquetColumnData, rows range: Range<Int>) {
        let validity = data.validity
        switch data.storage {
        case .boolean(let v): for i in range { if validity?[i] == false { appendNull() } else { append(v[i]) } }
        case .int32(let v):
            if validity == nil && !column.nullable {
                int32s.append(contentsOf: v[range]); rows += range.count
            } else { for i in range { if validity?[i] == false { appendNull() } else { append(v[i]) } } }
        case .int64(let v):
            if validity == nil && !column.nullable {
                int64s.append(contentsOf: v[range]); rows += range.count
            } else { for i in range { if validity?[i] == false { appendNull() } else { append(v[i]) } } }
        case .float(let v): for i in range { if validity?[i] == false { appendNull() } else { append(v[i]) } }
        case .double(let v): for i in range { if validity?[i] == false { appendNull() } else { append(v[i]) } }
        case .byteArray(let offsets, let bytes):
            bytes.withUnsafeBytes { raw in
                for i in range {
                    if validity?[i] == false {
                        appendNull()
                    } else {
                        append(bytes: UnsafeRawBufferPointer(rebasing: raw[offsets[i]..<offsets[i + 1]]))
                    }
                }
            }
        }
    }

    // MARK: flushing

    /// Writes the buffered values as one column chunk at the sink's position and resets the buffers.
    mutating func writeChunk(to out: inout SinkWriter) throws -> ColumnChunk {
        let chunkStart = out.position
        var meta = ColumnMetaData()
        meta.type = kind.physicalType
        meta.pathInSchema = [column.name]
        meta.codec = options.compression.codec
        meta.numValues = Int64(rows)
        var uncompressedTotal: Int64 = 0

        let dict = dictionary
        if let dict {
            meta.dictionaryPageOffset = out.position
            var page: [UInt8] = []
            page.reserveCapacity(dict.plainSize)
            dict.bytes.withUnsafeBufferPointer { bytes in
                for i in 0..<dict.count {
                    let start = dict.offsets[i], end = dict.offsets[i + 1]
                    appendLE(UInt32(end - start), to: &page)
                    page.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                }
            }
            var header = PageHeader()
            header.type = PageType.dictionaryPage
            header.dictionaryPage = DictionaryPageHeader(numValues: Int32(dict.count), encoding: Encoding.plain)
            uncompressedTotal += try writePage(header: header, body: page, to: &out)
            meta.encodings = [Encoding.plain, Encoding.rle, Encoding.rleDictionary]
        } else {
            meta.encodings = [Encoding.plain, Encoding.rle]
        }
        meta.dataPageOffset = out.position

        let dictBitWidth = dict.map { max(1, bitWidth(of: $0.count - 1)) } ?? 0
        let rowsPerPage = pageRows(dictBitWidth: dictBitWidth)
        var page: [UInt8] = []
        page.reserveCapacity(min(options.dataPageMaxBytes * 2, 1 << 22))
        var levelBytes: [UInt8] = []
        var rowStart = 0, valueStart = 0
        while rowStart < rows {
            let rowEnd = min(rows, rowStart + rowsPerPage)
            page.removeAll(keepingCapacity: true)
            var valueEnd = valueStart + (rowEnd - rowStart)
            if column.nullable {
                levelBytes.removeAll(keepingCapacity: true)
                valueEnd = valueStart
                levels.withUnsafeBufferPointer { all in
                    let slice = UnsafeBufferPointer(rebasing: all[rowStart..<rowEnd])
                    for level in slice { valueEnd += Int(level) }
                    RLEHybrid.encode(slice, bitWidth: 1, into: &levelBytes)
                }
                appendLE(UInt32(levelBytes.count), to: &page)
                page.append(contentsOf: levelBytes)
            }
            let encoding = encodeValues(valueStart..<valueEnd, dictBitWidth: dictBitWidth, into: &page)
            var header = PageHeader()
            header.type = PageType.dataPage
            header.dataPage = DataPageHeader(
                numValues: Int32(rowEnd - rowStart), encoding: encoding,
                definitionLevelEncoding: Encoding.rle, repetitionLevelEncoding: Encoding.rle)
            uncompressedTotal += try writePage(header: header, body: page, to: &out)
            rowStart = rowEnd
            valueStart = valueEnd
        }

        meta.totalUncompressedSize = uncompressedTotal
        meta.totalCompressedSize = out.position - chunkStart
        if options.statisticsEnabled { meta.statistics = statistics() }
        reset()
        return ColumnChunk(fileOffset: chunkStart, metaData: meta)
    }

    private mutating func reset() {
        rows = 0
        nulls = 0
        levels.removeAll(keepingCapacity: true)
        bools.removeAll(keepingCapacity: true)
        int32s.removeAll(keepingCapacity: true)
        int64s.removeAll(keepingCapacity: true)
        floats.removeAll(keepingCapacity: true)
        doubles.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        plainOffsets.removeAll(keepingCapacity: true)
        plainOffsets.append(0)
        plainBytes.removeAll(keepingCapacity: true)
        resetDictionary()
    }

    /// Rows per data page so a page's values come to about `dataPageMaxBytes`.
    private func pageRows(dictBitWidth: Int) -> Int {
        guard rows > 0 else { return 1 }
        let valueBytes: Int
        switch kind {
        case .boolean: valueBytes = bools.count / 8 + 1
        case .int32, .float: valueBytes = 4 * (rows - nulls)
        case .int64, .double: valueBytes = 8 * (rows - nulls)
        case .byteArray:
            valueBytes = dictionary != nil ? indices.count * dictBitWidth / 8 + 1 : plainBytes.count + 4 * (plainOffsets.count - 1)
        }
        let perRow = max(1, valueBytes / rows)
        return max(1, min(options.dataPageMaxRows, options.dataPageMaxBytes / perRow))
    }

    /// Appends values `range` (indices among non-null values) in the column's encoding.
    private func encodeValues(_ range: Range<Int>, dictBitWidth: Int, into page: inout [UInt8]) -> Int32 {
        switch kind {
        case .boolean:
            var acc: UInt8 = 0, bit: UInt8 = 0
            for v in bools[range] {
                if v { acc |= 1 << bit }
                bit += 1
                if bit == 8 { page.append(acc); acc = 0; bit = 0 }
            }
            if bit > 0 { page.append(acc) }
        case .int32: int32s[range].withUnsafeBytes { page.append(contentsOf: $0) }
        case .int64: int64s[range].withUnsafeBytes { page.append(contentsOf: $0) }
        case .float: floats[range].withUnsafeBytes { page.append(contentsOf: $0) }
        case .double: doubles[range].withUnsafeBytes { page.append(contentsOf: $0) }
        case .byteArray:
            if dictionary != nil {
                page.append(UInt8(dictBitWidth))
                indices.withUnsafeBufferPointer {
                    RLEHybrid.encode(UnsafeBufferPointer(rebasing: $0[range]), bitWidth: dictBitWidth, into: &page)
                }
                return Encoding.rleDictionary
            }
            plainBytes.withUnsafeBufferPointer { bytes in
                for i in range {
                    let start = plainOffsets[i], end = plainOffsets[i + 1]
                    appendLE(UInt32(end - start), to: &page)
                    page.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                }
            }
        }
        return Encoding.plain
    }

    /// Compresses and writes one page; returns its uncompressed size including the header.
    private func writePage(header: PageHeader, body: [UInt8], to out: inout SinkWriter) throws -> Int64 {
        let compressed = try Compression.compress(body, options.compression, zstdLevel: options.zstdLevel)
        guard body.count <= Int32.max, compressed.count <= Int32.max else {
            throw ParquetError(.invalidArgument, "column '\(column.name)': a page exceeds 2 GiB; lower dataPageMaxBytes")
        }
        var header = header
        header.uncompressedPageSize = Int32(body.count)
        header.compressedPageSize = Int32(compressed.count)
        var w = ThriftCompactWriter(capacity: 64)
        header.encode(&w)
        try out.write(w.bytes)
        try out.write(compressed)
        return Int64(w.bytes.count + body.count)
    }
}
