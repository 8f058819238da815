/// One row of a query result. Decoding reads straight from libpq's result, without copying.
public struct PostgresRow: Sendable {
    let result: LibPQResult
    let index: Int

    public var columnCount: Int { result.columnNames.count }
    public var columnNames: [String] { result.columnNames }

    public func isNull(_ column: Int) -> Bool { result.isNull(row: index, column: column) }

    /// Decodes column `column` (0-based) as `T`.
    public func decode<T: PostgresDecodable>(_ column: Int, as type: T.Type = T.self) throws -> T {
        guard column >= 0, column < columnCount else {
            throw PostgresDecodingError(
                column: "#\(column)", columnIndex: column, postgresType: "none", swiftType: "\(T.self)",
                reason: "the result has \(columnCount) columns")
        }
        let typeOID = result.columnTypes[column]
        func failure(_ reason: String) -> PostgresDecodingError {
            PostgresDecodingError(
                column: result.columnNames[column], columnIndex: column,
                postgresType: PostgresType.displayName(of: typeOID), swiftType: "\(T.self)", reason: reason)
        }
        guard T.accepts(typeOID: typeOID) else { throw failure("type mismatch") }
        if result.isNull(row: index, column: column) {
            guard let null = T.decodedNull else { throw failure("value is NULL; decode as Optional to allow NULL") }
            return null
        }
        let text = result.text(row: index, column: column)
        guard let value = T(postgresText: text, typeOID: typeOID) else {
            throw failure("'\(String(decoding: text.prefix(64), as: UTF8.self))' is not a valid \(T.self)")
        }
        return value
    }

    /// Decodes the column named `column` (exact, case-sensitive match of the result's column name).
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let position = result.columnNames.firstIndex(of: column) else {
            throw PostgresDecodingError(
                column: column, columnIndex: -1, postgresType: "none", swiftType: "\(T.self)",
                reason: "no such column; the result has \(result.columnNames)")
        }
        return try decode(position, as: type)
    }
}
