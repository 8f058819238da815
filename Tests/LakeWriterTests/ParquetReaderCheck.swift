import Parquet

enum ParquetReaderCheck {
    static func rows(_ bytes: [UInt8]) throws -> Int64 { try ParquetReader(bytes: bytes).numRows }
}
