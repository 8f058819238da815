import Parquet

/// The schema of every bronze Parquet file (docs/CONTRACT.md §3), derived from `BronzeColumn`:
/// the event fields, then the Kafka coordinates lake-writer adds. lake-writer writes files with
/// it; the loader's tests and the Parquet benchmark build lake-shaped files from it.
public enum BronzeParquetSchema {
    public static let schema: ParquetSchema = {
        // Derived from a constant table: a schema error here is a programming error, caught by every test.
        try! ParquetSchema(BronzeColumn.allCases.map {
            ParquetColumn(name: $0.name, type: $0.kind.parquetType, nullable: $0.isNullableInLake)
        })
    }()
}
