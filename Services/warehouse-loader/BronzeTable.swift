import Lake

/// A bronze table: the columns of the files (`BronzeColumn`, the one table of the contract),
/// then the two the loader adds.
enum BronzeTable {
    /// The file each row came from (lake key); the loader's unit of work and of deletion.
    static let sourceFileColumn = "_source_file"
    /// When the loader's transaction started; dbt's incremental models read from it.
    static let loadedAtColumn = "_loaded_at"

    /// The record key's column list, for DDL and `ON CONFLICT`.
    static var kafkaRecordKey: [String] { BronzeColumn.kafkaRecordKey.map(\.name) }
}
