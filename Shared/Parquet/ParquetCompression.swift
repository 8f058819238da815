/// Page compression codecs this library writes and reads.
public enum ParquetCompression: String, Sendable, Hashable, CaseIterable {
    case uncompressed
    case snappy
    case gzip
    case zstd

    var codec: Int32 {
        switch self {
        case .uncompressed: CompressionCodec.uncompressed
        case .snappy: CompressionCodec.snappy
        case .gzip: CompressionCodec.gzip
        case .zstd: CompressionCodec.zstd
        }
    }

    init?(codec: Int32) {
        switch codec {
        case CompressionCodec.uncompressed: self = .uncompressed
        case CompressionCodec.snappy: self = .snappy
        case CompressionCodec.gzip: self = .gzip
        case CompressionCodec.zstd: self = .zstd
        default: return nil
        }
    }
}
