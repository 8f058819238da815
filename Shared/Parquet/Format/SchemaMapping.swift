/// Conversion between the library's flat `ParquetSchema` and Parquet's schema elements.
enum SchemaMapping {
    /// The elements the writer emits: a root named "schema" (as pyarrow does) and one leaf per column,
    /// with both the modern LogicalType and the legacy ConvertedType so old and new readers agree.
    static func elements(for schema: ParquetSchema) -> [SchemaElement] {
        var root = SchemaElement()
        root.name = "schema"
        root.numChildren = Int32(schema.count)
        var result = [root]
        for column in schema.columns {
            var e = SchemaElement()
            e.name = column.name
            e.repetition = column.nullable ? Repetition.optional : Repetition.required
            e.type = ValueKind(column.type).physicalType
            switch column.type {
            case .string:
                e.convertedType = ConvertedType.utf8
                e.logicalType = .string
            case .date:
                e.convertedType = ConvertedType.date
                e.logicalType = .date
            case .timestamp(let unit, let utc):
                // The legacy TIMESTAMP_* converted types mean "adjusted to UTC"; local times get none.
                if utc { e.convertedType = unit == .millis ? ConvertedType.timestampMillis : ConvertedType.timestampMicros }
                e.logicalType = .timestamp(unit: unit == .millis ? .millis : unit == .micros ? .micros : .nanos, isAdjustedToUTC: utc)
            default:
                break
            }
            result.append(e)
        }
        return result
    }

    /// Types the writer accepts (values in the API are microseconds, so only MICROS timestamps).
    static func checkWritable(_ column: ParquetColumn) throws {
        if case .timestamp(let unit, _) = column.type, unit != .micros {
            throw ParquetError(.invalidArgument, "column '\(column.name)': the writer stores timestamps as MICROS only, not \(unit.rawValue)")
        }
    }

    /// The flat schema of a file, or an error naming the first column this library cannot read.
    static func schema(from elements: [SchemaElement]) throws -> ParquetSchema {
        guard let root = elements.first else { throw ParquetError(.corruptMetadata, "the schema is empty") }
        let leaves = elements.dropFirst()
        guard Int(root.numChildren ?? 0) == leaves.count else {
            let group = leaves.first { $0.numChildren != nil && $0.type == nil }?.name ?? root.name
            throw ParquetError(.unsupported, "nested types are not supported (column '\(group)' is a group)")
        }
        var columns: [ParquetColumn] = []
        for e in leaves {
            columns.append(try column(from: e))
        }
        return try ParquetSchema(columns)
    }

    private static func column(from e: SchemaElement) throws -> ParquetColumn {
        func unsupported(_ feature: String) -> ParquetError {
            ParquetError(.unsupported, "\(feature) is not supported (column '\(e.name)')")
        }
        guard let physical = e.type, (e.numChildren ?? 0) == 0 else { throw unsupported("nested types (groups)") }
        switch e.repetition ?? Repetition.optional {
        case Repetition.required, Repetition.optional: break
        case Repetition.repeated: throw unsupported("repeated fields (lists)")
        default: throw ParquetError(.corruptMetadata, "column '\(e.name)' has repetition type \(e.repetition!)")
        }
        let nullable = e.repetition != Repetition.required
        let logical = e.logicalType
        let converted = e.convertedType
        if case .decimal = logical { throw unsupported("the DECIMAL logical type") }
        if converted == ConvertedType.decimal { throw unsupported("the DECIMAL logical type") }
        if converted == ConvertedType.interval { throw unsupported("the INTERVAL logical type") }
        if case .other(let id) = logical { throw unsupported("logical type #\(id)") }

        var column: ParquetColumn
        switch physical {
        case PhysicalType.boolean:
            column = ParquetColumn(name: e.name, type: .boolean, nullable: nullable)
        case PhysicalType.int32:
            if case .integer(32, false) = logical { throw unsupported("the UINT_32 logical type") }
            if converted == ConvertedType.uint32 { throw unsupported("the UINT_32 logical type") }
            let isDate = logical == .date || converted == ConvertedType.date
            column = ParquetColumn(name: e.name, type: isDate ? .date : .int32, nullable: nullable)
        case PhysicalType.int64:
            if case .integer(64, false) = logical { throw unsupported("the UINT_64 logical type") }
            if converted == ConvertedType.uint64 { throw unsupported("the UINT_64 logical type") }
            var type = ParquetType.int64
            if case .timestamp(let unit, let utc) = logical {
                type = .timestamp(unit == .millis ? .millis : unit == .micros ? .micros : .nanos, isAdjustedToUTC: utc)
            } else if logical == nil, converted == ConvertedType.timestampMillis {
                type = .timestamp(.millis, isAdjustedToUTC: true)
            } else if logical == nil, converted == ConvertedType.timestampMicros {
                type = .timestamp(.micros, isAdjustedToUTC: true)
            }
            column = ParquetColumn(name: e.name, type: type, nullable: nullable)
        case PhysicalType.int96:
            // Legacy Impala/Spark timestamps: nanoseconds, conventionally read as local (pyarrow: timestamp[ns]).
            column = ParquetColumn(name: e.name, type: .timestamp(.nanos, isAdjustedToUTC: false), nullable: nullable)
            column.storage = .int96
        case PhysicalType.float:
            column = ParquetColumn(name: e.name, type: .float, nullable: nullable)
        case PhysicalType.double:
            column = ParquetColumn(name: e.name, type: .double, nullable: nullable)
        case PhysicalType.byteArray:
            let isString = logical == .string || logical == .json || logical == .enumType
                || (logical == nil && [ConvertedType.utf8, ConvertedType.json, ConvertedType.enumType].contains(converted))
            column = ParquetColumn(name: e.name, type: isString ? .string : .binary, nullable: nullable)
        case PhysicalType.fixedLenByteArray:
            guard let length = e.typeLength, length >= 0, length <= 1 << 20 else {
                throw ParquetError(.corruptMetadata, "column '\(e.name)': FIXED_LEN_BYTE_ARRAY with bad length \(e.typeLength.map(String.init) ?? "nil")")
            }
            column = ParquetColumn(name: e.name, type: .binary, nullable: nullable)
            column.storage = .fixedLength(Int(length))
        default:
            throw ParquetError(.corruptMetadata, "column '\(e.name)' has unknown physical type \(physical)")
        }
        return column
    }
}
