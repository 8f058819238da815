/// Streams rows or column batches into a Parquet file.
///
/// Values are buffered per column until a row group is full (`rowGroupMaxRows` or
/// `rowGroupMaxBytes`), then written to the sink page by page, so memory is bounded by one row
/// group whatever the file size. `close()` writes the footer; a writer that is never closed leaves
/// an invalid file.
///
///     let writer = try ParquetWriter(schema: schema, sink: ParquetFileSink(path: path))
///     try writer.write(row: [.string("e1"), .timestamp(micros), .null])
///     let metadata = try writer.close()
public final class ParquetWriter {
    public let schema: ParquetSchema
    public let options: ParquetWriterOptions

    private var out: SinkWriter
    private var columns: [ColumnWriter]
    private var rowGroups: [RowGroup] = []
    private var bufferedRows = 0
    private var totalRows: Int64 = 0
    private var closed = false

    /// Writes the leading magic immediately; fails for types the writer cannot store.
    public init(schema: ParquetSchema, sink: any ParquetSink, options: ParquetWriterOptions = ParquetWriterOptions()) throws {
        guard options.rowGroupMaxRows > 0, options.rowGroupMaxBytes > 0, options.dataPageMaxBytes > 0, options.dataPageMaxRows > 0 else {
            throw ParquetError(.invalidArgument, "row-group and page limits must be positive")
        }
        for column in schema.columns { try SchemaMapping.checkWritable(column) }
        self.schema = schema
        self.options = options
        self.out = SinkWriter(sink: sink)
        self.columns = schema.columns.map { ColumnWriter(column: $0, options: options) }
        try out.write(Array("PAR1".utf8))
    }

    /// Rows accepted so far (flushed or buffered).
    public var rowCount: Int64 { totalRows + Int64(bufferedRows) }

    /// Appends one row, values in schema order. `.timestamp` takes microseconds; `.int64` is also
    /// accepted for timestamp columns and `.int32` for date columns. The row is checked whole
    /// before anything is buffered, so a rejected row leaves the writer unchanged.
    public func write(row: [ParquetValue]) throws {
        try checkOpen()
        guard row.count == columns.count else {
            throw ParquetError(.invalidArgument, "row has \(row.count) values, schema has \(columns.count) columns")
        }
        for (value, column) in zip(row, schema.columns) where !Self.fits(value, column) {
            throw ParquetError(.invalidArgument, value.isNull
                ? "column '\(column.name)' is not nullable but the value is null"
                : "column '\(column.name)' of type \(column.type) cannot hold \(value)")
        }
        for i in columns.indices { columns[i].append(row[i]) }
        bufferedRows += 1
        if bufferedRows >= options.rowGroupMaxRows || (bufferedRows & 1023 == 0 && bufferedBytes >= options.rowGroupMaxBytes) {
            try flushRowGroup()
        }
    }

    /// Appends a batch of rows given column by column (schema order, equal lengths). Batches may be
    /// any size: they are split across row groups as the limits require.
    public func write(columns batch: [ParquetColumnData]) throws {
        try checkOpen()
        guard batch.count == columns.count else {
            throw ParquetError(.invalidArgument, "batch has \(batch.count) columns, schema has \(columns.count)")
        }
        let count = batch.first?.count ?? 0
        for (data, column) in zip(batch, schema.columns) {
            guard data.count == count else {
                throw ParquetError(.invalidArgument, "column '\(column.name)' has \(data.count) values, expected \(count)")
            }
            guard ValueKind(data.type) == ValueKind(column.type), Self.compatible(data.type, column.type) else {
                throw ParquetError(.invalidArgument, "column '\(column.name)' of type \(column.type) cannot take a batch of \(data.type)")
            }
            if !column.nullable && data.nullCount > 0 {
                throw ParquetError(.invalidArgument, "column '\(column.name)' is not nullable but the batch has \(data.nullCount) nulls")
            }
        }
        var start = 0
        while start < count {
            // Slices of at most 8192 rows so the byte limit is checked often enough.
            let end = min(count, start + min(8192, options.rowGroupMaxRows - bufferedRows))
            for i in columns.indices { columns[i].append(batch[i], rows: start..<end) }
            bufferedRows += end - start
            start = end
            if bufferedRows >= options.rowGroupMaxRows || bufferedBytes >= options.rowGroupMaxBytes {
                try flushRowGroup()
            }
        }
    }

    /// Writes the buffered rows as a row group now (no-op when nothing is buffered).
    public func flushRowGroup() throws {
        try checkOpen()
        guard bufferedRows > 0 else { return }
        var group = RowGroup()
        group.numRows = Int64(bufferedRows)
        group.fileOffset = out.position
        let start = out.position
        for i in columns.indices {
            let chunk = try columns[i].writeChunk(to: &out)
            group.totalByteSize += chunk.metaData!.totalUncompressedSize
            group.columns.append(chunk)
        }
        group.totalCompressedSize = out.position - start
        rowGroups.append(group)
        totalRows += Int64(bufferedRows)
        bufferedRows = 0
    }

    /// Flushes the last row group, writes the footer and closes the sink.
    @discardableResult
    public func close() throws -> ParquetFileMetadata {
        try flushRowGroup()
        closed = true
        var meta = FileMetaData()
        meta.version = 2
        meta.schema = SchemaMapping.elements(for: schema)
        meta.numRows = totalRows
        meta.rowGroups = rowGroups
        meta.keyValueMetadata = options.keyValueMetadata.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        meta.createdBy = options.createdBy
        meta.typeDefinedColumnOrders = schema.count
        var w = ThriftCompactWriter(capacity: 4096)
        meta.encode(&w)
        try out.write(w.bytes)
        try out.write(leBytes(UInt32(w.bytes.count)))
        try out.write(Array("PAR1".utf8))
        try out.sink.close()
        return ParquetFileMetadata(meta, schema: schema, fileSize: out.position)
    }

    private var bufferedBytes: Int { columns.reduce(0) { $0 + $1.bufferedBytes } }

    private func checkOpen() throws {
        guard !closed else { throw ParquetError(.invalidArgument, "the writer is closed") }
    }

    private static func compatible(_ given: ParquetType, _ column: ParquetType) -> Bool {
        switch (given, column) {
        case (.timestamp, .timestamp), (.int64, .timestamp), (.int32, .date), (.string, .binary), (.binary, .string): true
        default: given == column
        }
    }

    private static func fits(_ value: ParquetValue, _ column: ParquetColumn) -> Bool {
        switch (value, column.type) {
        case (.null, _): column.nullable
        case (.boolean, .boolean), (.int32, .int32), (.int32, .date), (.date, .date), (.int64, .int64),
             (.int64, .timestamp), (.timestamp, .timestamp), (.float, .float), (.double, .double),
             (.string, .string), (.string, .binary), (.binary, .binary), (.binary, .string): true
        default: false
        }
    }
}
