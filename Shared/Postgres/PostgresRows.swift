/// The rows a statement returned, in order, plus the count of rows it affected.
public struct PostgresRows: RandomAccessCollection, Sendable {
    let result: LibPQResult

    public var startIndex: Int { 0 }
    public var endIndex: Int { result.rowCount }
    public subscript(position: Int) -> PostgresRow { PostgresRow(result: result, index: position) }

    public var columnNames: [String] { result.columnNames }

    /// What the command tag reported: rows inserted, updated, deleted, copied or selected.
    public var affectedRows: Int? { result.affectedRows }
}
