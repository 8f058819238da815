import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole Parquet file held in memory: footer and schema at init, then columns on demand.
///
/// Reads what this library writes and what pyarrow writes by default (PLAIN and dictionary
/// encodings, data pages v1 and v2, UNCOMPRESSED/SNAPPY/GZIP/ZSTD, INT96 and TIMESTAMP(MILLIS,
/// MICROS, NANOS) timestamps). Anything else fails with `ParquetError.Kind.unsupported` naming the
/// feature and column; damaged files fail with a clear error, never a crash.
public struct ParquetReader: Sendable {
    public let metadata: ParquetFileMetadata
    private let file: [UInt8]
    private let footer: FileMetaData
    /// Offset of the footer: column data must lie before it.
    private let footerStart: Int

    public init(bytes: [UInt8]) throws {
        file = bytes
        let n = bytes.count
        guard n >= 12 else { throw ParquetError(.notParquet, "file of \(n) bytes is too short to be Parquet") }
        let tail = Array(bytes[(n - 4)...])
        if tail == Array("PARE".utf8) { throw ParquetError(.unsupported, "encrypted files (PARE footer) are not supported") }
        guard Array(bytes[0..<4]) == Array("PAR1".utf8), tail == Array("PAR1".utf8) else {
            throw ParquetError(.notParquet, "not a Parquet file (magic bytes PAR1 missing at start or end)")
        }
        let footerLength = Int(UInt32(bytes[n - 8]) | UInt32(bytes[n - 7]) << 8 | UInt32(bytes[n - 6]) << 16 | UInt32(bytes[n - 5]) << 24)
        guard footerLength <= n - 12 else {
            throw ParquetError(.corruptMetadata, "footer length \(footerLength) exceeds the file (\(n) bytes): truncated or corrupt")
        }
        footerStart = n - 8 - footerLength
        var reader = ThriftCompactReader(bytes: bytes, start: footerStart, end: n - 8, context: "footer")
        let footer = try FileMetaData.decode(&reader)
        if footer.isEncrypted { throw ParquetError(.unsupported, "encrypted files are not supported") }
        let schema = try SchemaMapping.schema(from: footer.schema)
        try Self.validate(footer, schema: schema)
        self.footer = footer
        metadata = ParquetFileMetadata(footer, schema: schema, fileSize: Int64(n))
    }

    /// Reads a local file into memory.
    public init(path: String) throws {
        try self.init(bytes: try Self.readFile(path))
    }

    public var schema: ParquetSchema { metadata.schema }
    public var rowGroups: [ParquetRowGroupInfo] { metadata.rowGroups }
    public var numRows: Int64 { metadata.numRows }

    /// One column's values over the given row groups (all by default), in file order.
    public func readColumn(named name: String, rowGroups: [Int]? = nil) throws -> ParquetColumnData {
        guard let index = schema.index(of: name) else {
            throw ParquetError(.invalidArgument, "no column named '\(name)' (columns: \(schema.columns.map(\.name).joined(separator: ", ")))")
        }
        return try readColumn(at: index, rowGroups: rowGroups)
    }

    public func readColumn(at index: Int, rowGroups selected: [Int]? = nil) throws -> ParquetColumnData {
        guard schema.columns.indices.contains(index) else {
            throw ParquetError(.invalidArgument, "column index \(index) out of range (\(schema.count) columns)")
        }
        let groups = selected ?? Array(footer.rowGroups.indices)
        for g in groups where !footer.rowGroups.indices.contains(g) {
            throw ParquetError(.invalidArgument, "row group \(g) out of range (\(footer.rowGroups.count) row groups)")
        }
        let column = schema.columns[index]
        let expected = groups.reduce(Int64(0)) { $0 &+ footer.rowGroups[$1].numRows }
        var builder = ColumnBuilder(column: column, expectedRows: expected)
        for g in groups {
            let group = footer.rowGroups[g]
            let before = builder.count
            var decoder = ColumnChunkDecoder(
                file: file, dataEnd: footerStart, column: column, meta: group.columns[index].metaData!, rowGroupRows: group.numRows)
            try decoder.decode(into: &builder)
            guard Int64(builder.count - before) == group.numRows else {
                throw ParquetError(.corruptPage, "column '\(column.name)': row group \(g) decoded \(builder.count - before) of \(group.numRows) rows")
            }
        }
        return builder.finish()
    }

    /// Several columns (all by default) over the given row groups, decoded in parallel (one
    /// task per column, as pyarrow's `read_table` does), in the order asked.
    public func readColumns(_ names: [String]? = nil, rowGroups: [Int]? = nil) throws -> [ParquetColumnData] {
        let indices = try (names ?? schema.columns.map(\.name)).map { name in
            guard let index = schema.index(of: name) else {
                throw ParquetError(.invalidArgument, "no column named '\(name)' (columns: \(schema.columns.map(\.name).joined(separator: ", ")))")
            }
            return index
        }
        let results = ResultSlots(count: indices.count)
        defer { results.free() }
        DispatchQueue.concurrentPerform(iterations: indices.count) { i in
            results.set(i, Result { try readColumn(at: indices[i], rowGroups: rowGroups) })
        }
        return try results.all()
    }

    /// Several columns (all by default) of one row group, in the order asked.
    public func readRowGroup(_ group: Int, columns names: [String]? = nil) throws -> [ParquetColumnData] {
        try (names ?? schema.columns.map(\.name)).map { try readColumn(named: $0, rowGroups: [group]) }
    }

    /// Rows as enums, for tests and small files; prefer `readColumn` for volume.
    public func readRows(columns names: [String]? = nil) throws -> [[ParquetValue]] {
        let data = try readColumns(names)
        let count = Int(numRows)
        return (0..<count).map { row in data.map { $0[row] } }
    }

    // MARK: validation

    /// Structural checks that make later decoding safe: one chunk per column, metadata present,
    /// row counts consistent and non-negative.
    private static func validate(_ footer: FileMetaData, schema: ParquetSchema) throws {
        guard footer.numRows >= 0 else { throw ParquetError(.corruptMetadata, "negative row count \(footer.numRows)") }
        var total: Int64 = 0
        for (g, group) in footer.rowGroups.enumerated() {
            guard group.numRows >= 0 else { throw ParquetError(.corruptMetadata, "row group \(g) has negative row count") }
            guard group.columns.count == schema.count else {
                throw ParquetError(.corruptMetadata, "row group \(g) has \(group.columns.count) column chunks for \(schema.count) columns")
            }
            for (chunk, column) in zip(group.columns, schema.columns) {
                if chunk.isEncrypted { throw ParquetError(.unsupported, "column encryption is not supported (column '\(column.name)')") }
                if chunk.filePath != nil {
                    throw ParquetError(.unsupported, "column chunks in external files are not supported (column '\(column.name)')")
                }
                guard let meta = chunk.metaData else {
                    throw ParquetError(.corruptMetadata, "row group \(g) lacks metadata for column '\(column.name)'")
                }
                guard meta.type == expectedPhysicalType(column) else {
                    throw ParquetError(.corruptMetadata, "column '\(column.name)': chunk type \(PhysicalType.name(meta.type)) contradicts the schema")
                }
            }
            total = total &+ group.numRows
        }
        guard total == footer.numRows else {
            throw ParquetError(.corruptMetadata, "row groups hold \(total) rows, footer says \(footer.numRows)")
        }
    }

    private static func expectedPhysicalType(_ column: ParquetColumn) -> Int32 {
        switch column.storage {
        case .int96: PhysicalType.int96
        case .fixedLength: PhysicalType.fixedLenByteArray
        case nil: ValueKind(column.type).physicalType
        }
    }

    private static func readFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ParquetError(.io, "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ParquetError(.io, "cannot stat \(path): \(String(cString: strerror(errno)))") }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        try bytes.withUnsafeMutableBytes { buffer in
            while offset < size {
                let n = read(fd, buffer.baseAddress! + offset, size - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw ParquetError(.io, "cannot read \(path): \(n < 0 ? String(cString: strerror(errno)) : "unexpected end")") }
                offset += n
            }
        }
        return bytes
    }
}

/// One result slot per parallel task. Unchecked Sendable because each task writes only its own
/// slot and the slots are read after all tasks have finished.
private final class ResultSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<ParquetColumnData, any Error>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    func set(_ index: Int, _ result: Result<ParquetColumnData, any Error>) { slots[index] = result }

    func all() throws -> [ParquetColumnData] { try slots.map { try $0!.get() } }

    func free() { slots.deinitialize().deallocate() }
}
