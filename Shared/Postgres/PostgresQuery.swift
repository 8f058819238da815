import Foundation

/// SQL text plus its bound parameters.
///
/// With string interpolation every interpolated value becomes a parameter (`$n`), so
/// `"SELECT * FROM t WHERE id = \(id)"` binds `id` instead of splicing it:
///
///     try await connection.query("SELECT name FROM \(identifier: table) WHERE id = \(id)")
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation {
    public var sql: String
    public var parameters: [any PostgresBindable]

    public init(_ sql: String, parameters: [any PostgresBindable] = []) {
        self.sql = sql
        self.parameters = parameters
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(stringInterpolation.sql, parameters: stringInterpolation.parameters)
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var parameters: [any PostgresBindable] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Binds `value` as the next `$n` parameter.
        public mutating func appendInterpolation(_ value: some PostgresBindable) {
            parameters.append(value)
            sql += "$\(parameters.count)"
        }

        /// Binds an optional as the next parameter; nil is NULL of the wrapped type.
        public mutating func appendInterpolation<Value: PostgresBindable>(_ value: Value?) {
            parameters.append(value)
            sql += "$\(parameters.count)"
        }

        /// Inserts a quoted identifier (table or column name), for names that cannot be parameters.
        public mutating func appendInterpolation(identifier: String) {
            sql += PostgresQuery.quoteIdentifier(identifier)
        }

        /// Inserts quoted identifiers separated by commas (a column list).
        public mutating func appendInterpolation(identifiers: [String]) {
            sql += identifiers.map(PostgresQuery.quoteIdentifier).joined(separator: ", ")
        }
    }

    /// `"name"` with embedded quotes doubled: safe for any identifier text.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
