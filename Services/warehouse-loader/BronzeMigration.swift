/// One versioned step of the bronze schema. Versions are applied in order, each once, and
/// never edited after release: a change is a new version.
struct BronzeMigration: Sendable {
    let version: Int
    let name: String
    /// The DDL for a given (already quoted) schema name; tests use their own schema.
    let sql: @Sendable (_ schema: String) -> String
}
