/// Numeric codes from parquet.thrift, kept as plain integers so unknown codes in a file can be
/// reported instead of failing to decode.
enum PhysicalType {
    static let boolean: Int32 = 0, int32: Int32 = 1, int64: Int32 = 2, int96: Int32 = 3
    static let float: Int32 = 4, double: Int32 = 5, byteArray: Int32 = 6, fixedLenByteArray: Int32 = 7

    static func name(_ code: Int32) -> String {
        let names = ["BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"]
        return names.indices.contains(Int(code)) ? names[Int(code)] : "type \(code)"
    }
}

enum ConvertedType {
    static let utf8: Int32 = 0, map: Int32 = 1, mapKeyValue: Int32 = 2, list: Int32 = 3, enumType: Int32 = 4
    static let decimal: Int32 = 5, date: Int32 = 6, timeMillis: Int32 = 7, timeMicros: Int32 = 8
    static let timestampMillis: Int32 = 9, timestampMicros: Int32 = 10
    static let uint8: Int32 = 11, uint16: Int32 = 12, uint32: Int32 = 13, uint64: Int32 = 14
    static let int8: Int32 = 15, int16: Int32 = 16, int32: Int32 = 17, int64: Int32 = 18
    static let json: Int32 = 19, bson: Int32 = 20, interval: Int32 = 21
}

enum Repetition {
    static let required: Int32 = 0, optional: Int32 = 1, repeated: Int32 = 2
}

enum Encoding {
    static let plain: Int32 = 0, plainDictionary: Int32 = 2, rle: Int32 = 3, bitPacked: Int32 = 4
    static let deltaBinaryPacked: Int32 = 5, deltaLengthByteArray: Int32 = 6, deltaByteArray: Int32 = 7
    static let rleDictionary: Int32 = 8, byteStreamSplit: Int32 = 9

    static func name(_ code: Int32) -> String {
        switch code {
        case 0: "PLAIN"
        case 2: "PLAIN_DICTIONARY"
        case 3: "RLE"
        case 4: "BIT_PACKED"
        case 5: "DELTA_BINARY_PACKED"
        case 6: "DELTA_LENGTH_BYTE_ARRAY"
        case 7: "DELTA_BYTE_ARRAY"
        case 8: "RLE_DICTIONARY"
        case 9: "BYTE_STREAM_SPLIT"
        default: "encoding \(code)"
        }
    }
}

enum CompressionCodec {
    static let uncompressed: Int32 = 0, snappy: Int32 = 1, gzip: Int32 = 2, lzo: Int32 = 3
    static let brotli: Int32 = 4, lz4: Int32 = 5, zstd: Int32 = 6, lz4Raw: Int32 = 7

    static func name(_ code: Int32) -> String {
        switch code {
        case 0: "UNCOMPRESSED"
        case 1: "SNAPPY"
        case 2: "GZIP"
        case 3: "LZO"
        case 4: "BROTLI"
        case 5: "LZ4"
        case 6: "ZSTD"
        case 7: "LZ4_RAW"
        default: "codec \(code)"
        }
    }
}

enum PageType {
    static let dataPage: Int32 = 0, indexPage: Int32 = 1, dictionaryPage: Int32 = 2, dataPageV2: Int32 = 3
}
