/// One flat column: a name, a type and whether it may hold nulls (OPTIONAL) or not (REQUIRED).
public struct ParquetColumn: Sendable, Hashable {
    public var name: String
    public var type: ParquetType
    public var nullable: Bool

    /// How the file stores the column, when it differs from the type's natural physical type
    /// (INT96 timestamps, FIXED_LEN_BYTE_ARRAY binaries). Set by the reader only.
    var storage: StoredPhysicalType?

    public init(name: String, type: ParquetType, nullable: Bool) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }

    public static func == (a: ParquetColumn, b: ParquetColumn) -> Bool {
        a.name == b.name && a.type == b.type && a.nullable == b.nullable
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(type)
        hasher.combine(nullable)
    }
}

/// Physical storage a reader found that the logical type alone does not imply.
enum StoredPhysicalType: Sendable, Hashable {
    case int96
    case fixedLength(Int)
}
