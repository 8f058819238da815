/// Walks one column chunk's pages (dictionary, data page v1 and v2) and decodes them into a
/// `ColumnBuilder`. Every offset and length from the file is checked against the chunk's bounds.
struct ColumnChunkDecoder {
    let file: [UInt8]
    /// First byte of the footer: pages must end before it.
    let dataEnd: Int
    let column: ParquetColumn
    let meta: ColumnMetaData
    let rowGroupRows: Int64

    private var dictionary = DictionaryValues.none
    private var levels: [Int32] = []
    private var indices: [Int32] = []

    init(file: [UInt8], dataEnd: Int, column: ParquetColumn, meta: ColumnMetaData, rowGroupRows: Int64) {
        self.file = file
        self.dataEnd = dataEnd
        self.column = column
        self.meta = meta
        self.rowGroupRows = rowGroupRows
    }

    private func corrupt(_ what: String) -> ParquetError {
        ParquetError(.corruptPage, "column '\(column.name)': \(what)")
    }

    private func unsupported(_ feature: String) -> ParquetError {
        ParquetError(.unsupported, "\(feature) is not supported (column '\(column.name)')")
    }

    mutating func decode(into builder: inout ColumnBuilder) throws {
        guard meta.numValues == rowGroupRows else {
            throw ParquetError(.corruptMetadata, "column '\(column.name)': chunk has \(meta.numValues) values for \(rowGroupRows) rows")
        }
        var start = meta.dataPageOffset
        if let dictOffset = meta.dictionaryPageOffset, dictOffset >= 4, dictOffset < start { start = dictOffset }
        let (end, overflow) = start.addingReportingOverflow(meta.totalCompressedSize)
        guard start >= 4, meta.totalCompressedSize >= 0, !overflow, end <= Int64(dataEnd) else {
            throw ParquetError(.corruptMetadata, "column '\(column.name)': chunk bytes \(start)..<\(start &+ meta.totalCompressedSize) lie outside the file's data (\(dataEnd) bytes)")
        }
        var pos = Int(start)
        let chunkEnd = Int(end)
        var seen: Int64 = 0
        while seen < meta.numValues {
            guard pos < chunkEnd else { throw corrupt("chunk ends after \(seen) of \(meta.numValues) values") }
            var reader = ThriftCompactReader(bytes: file, start: pos, end: chunkEnd, context: "page header of column '\(column.name)'")
            let header = try PageHeader.decode(&reader)
            pos = reader.position
            let size = Int(header.compressedPageSize)
            guard size <= chunkEnd - pos else {
                throw corrupt("page of \(size) bytes at \(pos) runs past the chunk end \(chunkEnd)")
            }
            let body = pos..<(pos + size)
            pos += size
            let remaining = meta.numValues - seen
            switch header.type {
            case PageType.dictionaryPage:
                guard let h = header.dictionaryPage else { throw corrupt("dictionary page without its header") }
                try readDictionary(h, header, body)
            case PageType.dataPage:
                guard let h = header.dataPage else { throw corrupt("data page without its header") }
                guard h.numValues >= 0, Int64(h.numValues) <= remaining else {
                    throw corrupt("data page claims \(h.numValues) values, \(remaining) remain")
                }
                try readDataPageV1(h, header, body, into: &builder)
                seen += Int64(h.numValues)
            case PageType.dataPageV2:
                guard let h = header.dataPageV2 else { throw corrupt("data page v2 without its header") }
                guard h.numValues >= 0, Int64(h.numValues) <= remaining else {
                    throw corrupt("data page claims \(h.numValues) values, \(remaining) remain")
                }
                try readDataPageV2(h, header, body, into: &builder)
                seen += Int64(h.numValues)
            default:
                continue  // index pages and unknown page types carry no values
            }
        }
    }

    private mutating func readDictionary(_ h: DictionaryPageHeader, _ header: PageHeader, _ body: Range<Int>) throws {
        guard case .none = dictionary else { throw corrupt("more than one dictionary page") }
        guard h.encoding == Encoding.plain || h.encoding == Encoding.plainDictionary else {
            throw unsupported("dictionary page encoding \(Encoding.name(h.encoding))")
        }
        guard column.type != .boolean else { throw corrupt("boolean columns cannot be dictionary-encoded") }
        guard h.numValues >= 0 else { throw corrupt("negative dictionary size") }
        let data = try decompress(body, header)
        var plainColumn = column
        plainColumn.nullable = false
        var values = ColumnBuilder(column: plainColumn, expectedRows: 0)
        try data.withUnsafeBytes { try values.appendPlain($0, count: Int(h.numValues)) }
        dictionary = values.asDictionary
    }

    private mutating func readDataPageV1(_ h: DataPageHeader, _ header: PageHeader, _ body: Range<Int>, into builder: inout ColumnBuilder) throws {
        let n = Int(h.numValues)
        let data = try decompress(body, header)
        try data.withUnsafeBytes { raw in
            var offset = 0
            if column.nullable {
                guard h.definitionLevelEncoding == Encoding.rle else {
                    throw unsupported("definition level encoding \(Encoding.name(h.definitionLevelEncoding))")
                }
                guard raw.count >= 4 else { throw corrupt("definition levels truncated") }
                let length = Int(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
                guard length <= raw.count - 4 else { throw corrupt("definition levels of \(length) bytes exceed the page") }
                try readLevels(UnsafeRawBufferPointer(rebasing: raw[4..<(4 + length)]), count: n)
                offset = 4 + length
            }
            try readValues(UnsafeRawBufferPointer(rebasing: raw[offset...]), encoding: h.encoding, rows: n, into: &builder)
        }
    }

    private mutating func readDataPageV2(_ h: DataPageHeaderV2, _ header: PageHeader, _ body: Range<Int>, into builder: inout ColumnBuilder) throws {
        let n = Int(h.numValues)
        let defLength = Int(h.definitionLevelsByteLength), repLength = Int(h.repetitionLevelsByteLength)
        guard defLength >= 0, repLength >= 0, defLength + repLength <= body.count else {
            throw corrupt("data page v2 level lengths \(defLength)+\(repLength) exceed the page (\(body.count) bytes)")
        }
        guard repLength == 0 else { throw unsupported("repetition levels (nested data)") }
        guard h.numNulls >= 0, h.numNulls <= h.numValues, column.nullable || h.numNulls == 0 else {
            throw corrupt("data page v2 claims \(h.numNulls) nulls for \(n) values")
        }
        let file = self.file  // a local copy (no bytes copied) so the closure may mutate self
        if column.nullable {
            try file.withUnsafeBytes { raw in
                try readLevels(UnsafeRawBufferPointer(rebasing: raw[body.lowerBound..<(body.lowerBound + defLength)]), count: n)
            }
        }
        let valuesRange = (body.lowerBound + defLength)..<body.upperBound
        let uncompressedValues = Int(header.uncompressedPageSize) - defLength - repLength
        let values: [UInt8]
        if h.isCompressed && meta.codec != CompressionCodec.uncompressed {
            guard uncompressedValues >= 0 else { throw corrupt("data page v2 sizes are inconsistent") }
            values = try file.withUnsafeBytes { raw in
                try Compression.decompress(UnsafeRawBufferPointer(rebasing: raw[valuesRange]), codec: meta.codec,
                                           uncompressedSize: uncompressedValues, what: "column '\(column.name)' page")
            }
        } else {
            values = Array(file[valuesRange])
        }
        try values.withUnsafeBytes { try readValues($0, encoding: h.encoding, rows: n, into: &builder) }
    }

    /// Decodes `count` definition levels (max level 1, so bit width 1) into `levels`.
    private mutating func readLevels(_ raw: UnsafeRawBufferPointer, count: Int) throws {
        levels.removeAll(keepingCapacity: true)
        try RLEHybrid.decode(raw, bitWidth: 1, count: count, into: &levels, what: "column '\(column.name)' definition levels")
    }

    /// Decodes the values of a page of `rows` rows (levels already in `levels` for nullable columns).
    private mutating func readValues(_ raw: UnsafeRawBufferPointer, encoding: Int32, rows: Int, into builder: inout ColumnBuilder) throws {
        var nonNull = rows
        if column.nullable {
            nonNull = 0
            for level in levels where level != 0 { nonNull += 1 }
        }
        switch encoding {
        case Encoding.plain:
            try builder.appendPlain(raw, count: nonNull)
        case Encoding.plainDictionary, Encoding.rleDictionary:
            guard raw.count >= 1 || nonNull == 0 else { throw corrupt("dictionary indices truncated") }
            if nonNull > 0 {
                let width = Int(raw[0])
                guard width <= 32 else { throw corrupt("dictionary index bit width \(width)") }
                indices.removeAll(keepingCapacity: true)
                try RLEHybrid.decode(UnsafeRawBufferPointer(rebasing: raw[1...]), bitWidth: width, count: nonNull,
                                     into: &indices, what: "column '\(column.name)' dictionary indices")
                try indices.withUnsafeBufferPointer { try builder.appendFromDictionary(dictionary, indices: $0) }
            }
        case Encoding.rle where builder.kind == .boolean:
            // RLE booleans: 4-byte length, then the hybrid encoding with bit width 1.
            guard raw.count >= 4 else { throw corrupt("RLE boolean data truncated") }
            let length = Int(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            guard length <= raw.count - 4 else { throw corrupt("RLE boolean data of \(length) bytes exceeds the page") }
            indices.removeAll(keepingCapacity: true)
            try RLEHybrid.decode(UnsafeRawBufferPointer(rebasing: raw[4..<(4 + length)]), bitWidth: 1, count: nonNull,
                                 into: &indices, what: "column '\(column.name)' RLE booleans")
            reserveMore(&builder.bools, nonNull)
            for v in indices { builder.bools.append(v != 0) }
        default:
            throw unsupported("encoding \(Encoding.name(encoding))")
        }
        if column.nullable && nonNull < rows {
            levels.withUnsafeBufferPointer { builder.spread(levels: $0, nonNull: nonNull) }
        } else {
            builder.allPresent(rows)
        }
    }

    private func decompress(_ body: Range<Int>, _ header: PageHeader) throws -> [UInt8] {
        try file.withUnsafeBytes { raw in
            try Compression.decompress(UnsafeRawBufferPointer(rebasing: raw[body]), codec: meta.codec,
                                       uncompressedSize: Int(header.uncompressedPageSize), what: "column '\(column.name)' page")
        }
    }
}
