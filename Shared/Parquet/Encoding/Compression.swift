import CSnappy
import CZlib
import CZstd

/// Page compression and decompression over the C libraries.
enum Compression {
    /// Largest page this reader will inflate: a guard against lying sizes, far above what
    /// writers produce (pyarrow's pages are about 1 MiB).
    static let maxPageSize = 1 << 30

    static func compress(_ input: [UInt8], _ compression: ParquetCompression, zstdLevel: Int32) throws -> [UInt8] {
        switch compression {
        case .uncompressed:
            return input
        case .snappy:
            var outLength = snappy_max_compressed_length(input.count)
            var out = [UInt8](repeating: 0, count: outLength)
            let status = input.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    src.withMemoryRebound(to: CChar.self) { s in
                        dst.withMemoryRebound(to: CChar.self) { d in
                            snappy_compress(s.baseAddress, src.count, d.baseAddress, &outLength)
                        }
                    }
                }
            }
            guard status == SNAPPY_OK else { throw ParquetError(.io, "snappy compression failed (\(status))") }
            out.removeSubrange(outLength...)
            return out
        case .zstd:
            let bound = ZSTD_compressBound(input.count)
            var out = [UInt8](repeating: 0, count: bound)
            let written = input.withUnsafeBytes { src in
                out.withUnsafeMutableBytes { dst in
                    ZSTD_compress(dst.baseAddress, bound, src.baseAddress, src.count, zstdLevel)
                }
            }
            guard ZSTD_isError(written) == 0 else {
                throw ParquetError(.io, "zstd compression failed: \(String(cString: ZSTD_getErrorName(written)))")
            }
            out.removeSubrange(written...)
            return out
        case .gzip:
            return try gzipCompress(input)
        }
    }

    /// Decompresses `input` into exactly `uncompressedSize` bytes or throws; checks the claimed
    /// size against what the codec can produce before allocating.
    static func decompress(
        _ input: UnsafeRawBufferPointer, codec: Int32, uncompressedSize: Int, what: @autoclosure () -> String
    ) throws -> [UInt8] {
        guard uncompressedSize >= 0, uncompressedSize <= maxPageSize else {
            throw ParquetError(.corruptPage, "\(what()): uncompressed size \(uncompressedSize) out of range")
        }
        switch codec {
        case CompressionCodec.uncompressed:
            guard input.count == uncompressedSize else {
                throw ParquetError(.corruptPage, "\(what()): uncompressed page of \(input.count) bytes claims \(uncompressedSize)")
            }
            return Array(input)
        case CompressionCodec.snappy:
            return try snappyDecompress(input, uncompressedSize, what())
        case CompressionCodec.zstd:
            return try zstdDecompress(input, uncompressedSize, what())
        case CompressionCodec.gzip:
            // Deflate cannot expand more than ~1032:1; anything beyond is a lie.
            guard uncompressedSize <= input.count * 1032 + 1024 else {
                throw ParquetError(.corruptPage, "\(what()): gzip page of \(input.count) bytes cannot hold \(uncompressedSize)")
            }
            return try gzipDecompress(input, uncompressedSize, what())
        default:
            throw ParquetError(.unsupported, "\(what()): compression codec \(CompressionCodec.name(codec)) is not supported")
        }
    }

    private static func snappyDecompress(_ input: UnsafeRawBufferPointer, _ size: Int, _ what: String) throws -> [UInt8] {
        let src = input.bindMemory(to: CChar.self)
        var claimed = 0
        guard snappy_uncompressed_length(src.baseAddress, src.count, &claimed) == SNAPPY_OK, claimed == size,
              snappy_validate_compressed_buffer(src.baseAddress, src.count) == SNAPPY_OK else {
            throw ParquetError(.corruptPage, "\(what): invalid snappy data (expected \(size) bytes)")
        }
        var out = [UInt8](repeating: 0, count: size)
        var outLength = size
        let status = out.withUnsafeMutableBufferPointer { dst in
            dst.withMemoryRebound(to: CChar.self) { snappy_uncompress(src.baseAddress, src.count, $0.baseAddress, &outLength) }
        }
        guard status == SNAPPY_OK, outLength == size else {
            throw ParquetError(.corruptPage, "\(what): snappy decompression failed")
        }
        return out
    }

    private static func zstdDecompress(_ input: UnsafeRawBufferPointer, _ size: Int, _ what: String) throws -> [UInt8] {
        let frameSize = ZSTD_getFrameContentSize(input.baseAddress, input.count)
        // ZSTD_CONTENTSIZE_UNKNOWN / _ERROR are the two largest UInt64 values.
        if frameSize == UInt64.max - 1 {
            throw ParquetError(.corruptPage, "\(what): invalid zstd frame")
        }
        if frameSize != UInt64.max, frameSize != UInt64(size) {
            // Single-frame pages (what writers produce) state their size: it must match the claim.
            throw ParquetError(.corruptPage, "\(what): zstd frame holds \(frameSize) bytes, page claims \(size)")
        }
        if frameSize == UInt64.max, size > input.count * 1032 + (1 << 20) {
            throw ParquetError(.corruptPage, "\(what): zstd page of \(input.count) bytes is unlikely to hold \(size)")
        }
        var out = [UInt8](repeating: 0, count: size)
        let written = out.withUnsafeMutableBytes { dst in
            ZSTD_decompress(dst.baseAddress, size, input.baseAddress, input.count)
        }
        guard ZSTD_isError(written) == 0, written == size else {
            let reason = ZSTD_isError(written) != 0 ? String(cString: ZSTD_getErrorName(written)) : "\(written) bytes"
            throw ParquetError(.corruptPage, "\(what): zstd decompression failed (\(reason), expected \(size) bytes)")
        }
        return out
    }

    private static func gzipCompress(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        // windowBits 31 = 15 + 16: a gzip wrapper, which is what Parquet's GZIP codec means.
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ParquetError(.io, "gzip: deflateInit2 failed")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 32
        var out = [UInt8](repeating: 0, count: bound)
        var input = input
        let status = input.withUnsafeMutableBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                stream.next_in = src.baseAddress
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw ParquetError(.io, "gzip: deflate failed (\(status))") }
        out.removeSubrange(Int(stream.total_out)...)
        return out
    }

    private static func gzipDecompress(_ input: UnsafeRawBufferPointer, _ size: Int, _ what: String) throws -> [UInt8] {
        if size == 0 { return [] }
        var stream = z_stream()
        // 15 + 32: accept both gzip and zlib headers (some writers emit zlib streams).
        guard inflateInit2_(&stream, 47, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ParquetError(.io, "gzip: inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: size)
        let status = out.withUnsafeMutableBufferPointer { dst -> Int32 in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: UInt8.self).baseAddress)
            stream.avail_in = uInt(input.count)
            stream.next_out = dst.baseAddress
            stream.avail_out = uInt(dst.count)
            // inflate returns Z_OK only while it makes progress, so this loop ends.
            while true {
                let status = inflate(&stream, Z_NO_FLUSH)
                if status == Z_STREAM_END, stream.avail_in > 0, stream.avail_out > 0 {
                    // Concatenated gzip members.
                    guard inflateReset(&stream) == Z_OK else { return Z_DATA_ERROR }
                    continue
                }
                if status != Z_OK { return status }
            }
        }
        guard status == Z_STREAM_END, stream.avail_out == 0 else {
            throw ParquetError(.corruptPage, "\(what): gzip decompression failed (zlib status \(status), expected \(size) bytes)")
        }
        return out
    }
}
