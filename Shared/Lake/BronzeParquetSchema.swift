import Parquet

/// The columns of every bronze Parquet file (docs/CONTRACT.md §3): the event fields with
/// their types, then the Kafka coordinates lake-writer adds. lake-writer writes files with it;
/// the loader's tests and the Parquet benchmark build lake-shaped files from the same list.
public enum BronzeParquetSchema {
    public static let schema: ParquetSchema = {
        let string = ParquetType.string, int64 = ParquetType.int64, micros = ParquetType.timestamp(.micros, isAdjustedToUTC: true)
        // The list is a constant: a schema error here is a programming error, caught by every test.
        return try! ParquetSchema([
            ParquetColumn(name: "event_id", type: string, nullable: false),
            ParquetColumn(name: "user_id", type: string, nullable: false),
            ParquetColumn(name: "event_type", type: string, nullable: false),
            ParquetColumn(name: "track_id", type: string, nullable: false),
            ParquetColumn(name: "track_name", type: string, nullable: true),
            ParquetColumn(name: "artist_name", type: string, nullable: true),
            ParquetColumn(name: "album_name", type: string, nullable: true),
            ParquetColumn(name: "duration_ms", type: int64, nullable: true),
            ParquetColumn(name: "played_at", type: micros, nullable: false),
            ParquetColumn(name: "device_type", type: string, nullable: true),
            ParquetColumn(name: "ms_played", type: int64, nullable: true),
            ParquetColumn(name: "position_ms", type: int64, nullable: true),
            ParquetColumn(name: "context_type", type: string, nullable: true),
            ParquetColumn(name: "artist_id", type: string, nullable: true),
            ParquetColumn(name: "album_id", type: string, nullable: true),
            ParquetColumn(name: "album_image_url", type: string, nullable: true),
            ParquetColumn(name: "source", type: string, nullable: true),
            ParquetColumn(name: "schema_version", type: int64, nullable: false),
            ParquetColumn(name: "_kafka_partition", type: .int32, nullable: false),
            ParquetColumn(name: "_kafka_offset", type: int64, nullable: false),
            ParquetColumn(name: "_ingested_at", type: micros, nullable: false),
        ])
    }()
}
