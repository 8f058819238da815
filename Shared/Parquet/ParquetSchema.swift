/// The ordered, flat list of columns of a file. Nested types (groups, lists, maps) are not supported.
public struct ParquetSchema: Sendable, Hashable {
    public let columns: [ParquetColumn]
    private let indexByName: [String: Int]

    /// Fails when two columns share a name or a name is empty.
    public init(_ columns: [ParquetColumn]) throws {
        var index: [String: Int] = [:]
        for (i, column) in columns.enumerated() {
            guard !column.name.isEmpty else { throw ParquetError(.invalidArgument, "column \(i) has an empty name") }
            guard index.updateValue(i, forKey: column.name) == nil else {
                throw ParquetError(.invalidArgument, "duplicate column name '\(column.name)'")
            }
        }
        self.columns = columns
        self.indexByName = index
    }

    public var count: Int { columns.count }

    public subscript(index: Int) -> ParquetColumn { columns[index] }

    /// The position of the column called `name`, or nil.
    public func index(of name: String) -> Int? { indexByName[name] }

    public static func == (a: ParquetSchema, b: ParquetSchema) -> Bool { a.columns == b.columns }
    public func hash(into hasher: inout Hasher) { hasher.combine(columns) }
}
