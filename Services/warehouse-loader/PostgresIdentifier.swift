import Postgres

/// Identifier quoting for DDL built as text (migrations run as scripts, which take no parameters).
enum PostgresIdentifier {
    static func quote(_ name: String) -> String { PostgresQuery.quoteIdentifier(name) }
}
