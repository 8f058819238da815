/// One column the lake files carry into bronze (SPEC "Lake layout"): the event fields plus the
/// Kafka coordinates lake-writer adds.
struct BronzeColumn: Sendable {
    let name: String
    let kind: BronzeColumnKind
    /// A file without this column is refused: its rows could not be identified or placed in time.
    let required: Bool

    init(_ name: String, _ kind: BronzeColumnKind, required: Bool = false) {
        self.name = name
        self.kind = kind
        self.required = required
    }

    /// Table order. `event_id` is text, not uuid: bronze keeps what the files hold, so a foreign
    /// writer's odd id cannot fail a whole file; silver casts and dedupes.
    static let all: [BronzeColumn] = [
        BronzeColumn("event_id", .text, required: true),
        BronzeColumn("user_id", .text, required: true),
        BronzeColumn("event_type", .text, required: true),
        BronzeColumn("track_id", .text, required: true),
        BronzeColumn("track_name", .text),
        BronzeColumn("artist_name", .text),
        BronzeColumn("album_name", .text),
        BronzeColumn("duration_ms", .bigint),
        BronzeColumn("played_at", .timestamptz, required: true),
        BronzeColumn("device_type", .text),
        BronzeColumn("ms_played", .bigint),
        BronzeColumn("position_ms", .bigint),
        BronzeColumn("context_type", .text),
        BronzeColumn("artist_id", .text),
        BronzeColumn("album_id", .text),
        BronzeColumn("album_image_url", .text),
        BronzeColumn("source", .text),
        BronzeColumn("schema_version", .bigint),
        BronzeColumn("_kafka_partition", .integer),
        BronzeColumn("_kafka_offset", .bigint),
        BronzeColumn("_ingested_at", .timestamptz),
    ]

    /// What identifies one Kafka record in a bronze table (one table per topic): bronze holds each
    /// once (migration 3's unique index; the loader's `ON CONFLICT`).
    static let kafkaRecordKey = ["_kafka_partition", "_kafka_offset", "event_id"]

    /// Added by the loader, not read from the file.
    static let sourceFileColumn = "_source_file"
}
