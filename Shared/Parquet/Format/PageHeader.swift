/// parquet.thrift PageHeader and its per-page-type headers.
struct PageHeader {
    var type: Int32 = 0
    var uncompressedPageSize: Int32 = 0
    var compressedPageSize: Int32 = 0
    var dataPage: DataPageHeader?
    var dictionaryPage: DictionaryPageHeader?
    var dataPageV2: DataPageHeaderV2?

    func encode(_ w: inout ThriftCompactWriter) {
        w.structBegin()
        w.field(1, i32: type)
        w.field(2, i32: uncompressedPageSize)
        w.field(3, i32: compressedPageSize)
        if let dataPage {
            w.fieldStructBegin(5)
            w.field(1, i32: dataPage.numValues)
            w.field(2, i32: dataPage.encoding)
            w.field(3, i32: dataPage.definitionLevelEncoding)
            w.field(4, i32: dataPage.repetitionLevelEncoding)
            w.structEnd()
        }
        if let dictionaryPage {
            w.fieldStructBegin(7)
            w.field(1, i32: dictionaryPage.numValues)
            w.field(2, i32: dictionaryPage.encoding)
            w.structEnd()
        }
        w.structEnd()
    }

    static func decode(_ r: inout ThriftCompactReader) throws -> PageHeader {
        var h = PageHeader()
        var seen = Set<Int16>()
        try r.readStruct { r, id, type in
            seen.insert(id)
            switch (id, type) {
            case (1, .i32): h.type = try r.readI32()
            case (2, .i32): h.uncompressedPageSize = try r.readI32()
            case (3, .i32): h.compressedPageSize = try r.readI32()
            case (5, .structType):
                var d = DataPageHeader()
                try r.readStruct { r, id, type in
                    switch (id, type) {
                    case (1, .i32): d.numValues = try r.readI32()
                    case (2, .i32): d.encoding = try r.readI32()
                    case (3, .i32): d.definitionLevelEncoding = try r.readI32()
                    case (4, .i32): d.repetitionLevelEncoding = try r.readI32()
                    default: try r.skip(type)
                    }
                }
                h.dataPage = d
            case (7, .structType):
                var d = DictionaryPageHeader()
                try r.readStruct { r, id, type in
                    switch (id, type) {
                    case (1, .i32): d.numValues = try r.readI32()
                    case (2, .i32): d.encoding = try r.readI32()
                    default: try r.skip(type)
                    }
                }
                h.dictionaryPage = d
            case (8, .structType):
                var d = DataPageHeaderV2()
                try r.readStruct { r, id, type in
                    switch (id, type) {
                    case (1, .i32): d.numValues = try r.readI32()
                    case (2, .i32): d.numNulls = try r.readI32()
                    case (3, .i32): d.numRows = try r.readI32()
                    case (4, .i32): d.encoding = try r.readI32()
                    case (5, .i32): d.definitionLevelsByteLength = try r.readI32()
                    case (6, .i32): d.repetitionLevelsByteLength = try r.readI32()
                    case (7, .boolTrue), (7, .boolFalse): d.isCompressed = try r.fieldBool(type)
                    default: try r.skip(type)
                    }
                }
                h.dataPageV2 = d
            default: try r.skip(type)
            }
        }
        for required: Int16 in [1, 2, 3] where !seen.contains(required) {
            throw r.corrupt("page header lacks required field \(required)")
        }
        guard h.uncompressedPageSize >= 0, h.compressedPageSize >= 0 else {
            throw r.corrupt("negative page size")
        }
        return h
    }
}

struct DataPageHeader {
    var numValues: Int32 = 0
    var encoding: Int32 = 0
    var definitionLevelEncoding: Int32 = Encoding.rle
    var repetitionLevelEncoding: Int32 = Encoding.rle
}

struct DictionaryPageHeader {
    var numValues: Int32 = 0
    var encoding: Int32 = Encoding.plain
}

struct DataPageHeaderV2 {
    var numValues: Int32 = 0
    var numNulls: Int32 = 0
    var numRows: Int32 = 0
    var encoding: Int32 = 0
    var definitionLevelsByteLength: Int32 = 0
    var repetitionLevelsByteLength: Int32 = 0
    var isCompressed = true
}
