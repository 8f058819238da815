/// The bronze contract, written once (docs/CONTRACT.md §3 and §4): every column a bronze Parquet
/// file carries and a bronze table holds, in file and table order, with its type and how present
/// it must be. Everything else derives from this table: lake-writer's Parquet schema
/// (`BronzeParquetSchema`) and encoder, the loader's column plan, DDL and record key. dbt's
/// `bronze_sources.yml` and Airflow's `bronze_quality.py` hold copies in their own languages,
/// checked against it by `BronzeContractCopiesTests`.
///
/// Adding a column: a case here and its line in `definition`; its value in lake-writer's encoder
/// (the compiler asks for it); a loader migration (`ALTER TABLE ... ADD COLUMN`); the two copies.
public enum BronzeColumn: String, CaseIterable, Sendable {
    case eventID = "event_id"
    case userID = "user_id"
    case eventType = "event_type"
    case trackID = "track_id"
    case trackName = "track_name"
    case artistName = "artist_name"
    case albumName = "album_name"
    case durationMs = "duration_ms"
    case playedAt = "played_at"
    case deviceType = "device_type"
    case msPlayed = "ms_played"
    case positionMs = "position_ms"
    case contextType = "context_type"
    case artistID = "artist_id"
    case albumID = "album_id"
    case albumImageURL = "album_image_url"
    case source
    case schemaVersion = "schema_version"
    // The Kafka coordinates and arrival time lake-writer adds to every record.
    case kafkaPartition = "_kafka_partition"
    case kafkaOffset = "_kafka_offset"
    case ingestedAt = "_ingested_at"

    /// How present a column must be.
    public enum Presence: Sendable {
        /// Identifies the row or places it in time: never null in lake-writer's files, and a file
        /// without it is refused by the loader.
        case required
        /// Always written by lake-writer; a file from another writer without it still loads (NULL).
        case written
        /// May be null (optional event fields).
        case optional
    }

    /// The column's name in the Parquet files and the bronze tables.
    public var name: String { rawValue }

    public var kind: BronzeColumnKind { definition.kind }

    public var presence: Presence { definition.presence }

    /// Whether lake-writer's files may hold nulls in it.
    public var isNullableInLake: Bool { presence == .optional }

    /// Whether the loader refuses a file without it.
    public var isRequiredOnLoad: Bool { presence == .required }

    private var definition: (kind: BronzeColumnKind, presence: Presence) {
        switch self {
        // event_id is text, not uuid: bronze keeps what the files hold, so a foreign writer's odd
        // id cannot fail a whole file; silver casts and dedupes.
        case .eventID: (.text, .required)
        case .userID: (.text, .required)
        case .eventType: (.text, .required)
        case .trackID: (.text, .required)
        case .trackName: (.text, .optional)
        case .artistName: (.text, .optional)
        case .albumName: (.text, .optional)
        case .durationMs: (.bigint, .optional)
        case .playedAt: (.timestamptz, .required)
        case .deviceType: (.text, .optional)
        case .msPlayed: (.bigint, .optional)
        case .positionMs: (.bigint, .optional)
        case .contextType: (.text, .optional)
        case .artistID: (.text, .optional)
        case .albumID: (.text, .optional)
        case .albumImageURL: (.text, .optional)
        case .source: (.text, .optional)
        case .schemaVersion: (.bigint, .written)
        case .kafkaPartition: (.integer, .written)
        case .kafkaOffset: (.bigint, .written)
        case .ingestedAt: (.timestamptz, .written)
        }
    }

    /// What identifies one Kafka record in a bronze table (one table per topic): bronze holds each
    /// once (the loader's unique index and `ON CONFLICT`). The event id is part of it so that a
    /// broker whose offsets start again cannot make a new event look like a loaded one.
    public static let kafkaRecordKey: [BronzeColumn] = [.kafkaPartition, .kafkaOffset, .eventID]
}
