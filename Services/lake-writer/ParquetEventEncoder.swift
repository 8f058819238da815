import EventSchema
import Parquet

/// A buffer's events → one Parquet file (SPEC.md bronze columns), written in one column batch.
enum ParquetEventEncoder {
    static let schema: ParquetSchema = {
        let string = ParquetType.string, int64 = ParquetType.int64, micros = ParquetType.timestamp(.micros, isAdjustedToUTC: true)
        // swiftlint:disable:next force_try
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

    static func encode(_ buffer: PartitionBuffer) throws -> [UInt8] {
        let events = buffer.events
        func strings(_ value: (ListeningEvent) -> String?) -> ParquetColumnData { .strings(events.map(value)) }
        func ints(_ value: (ListeningEvent) -> Int?) -> ParquetColumnData { .int64s(events.map { value($0).map(Int64.init) }) }
        let columns: [ParquetColumnData] = [
            strings { $0.eventIDString },
            strings { $0.userID },
            strings { $0.eventType.rawValue },
            strings { $0.trackID },
            strings { $0.trackName },
            strings { $0.artistName },
            strings { $0.albumName },
            ints { $0.durationMs },
            .timestamps(events.map { $0.playedAt.microsecondsSinceEpoch }),
            strings { $0.deviceType?.rawValue },
            ints { $0.msPlayed },
            ints { $0.positionMs },
            strings { $0.contextType?.rawValue },
            strings { $0.artistID },
            strings { $0.albumID },
            strings { $0.albumImageURL },
            strings { $0.source?.rawValue },
            ints { $0.schemaVersion },
            .int32s(Array(repeating: buffer.key.partition.partition, count: events.count)),
            .int64s(buffer.offsets),
            .timestamps(buffer.ingestedAt),
        ]
        let sink = ParquetMemorySink(capacity: max(4096, buffer.bytes / 3))
        let writer = try ParquetWriter(schema: schema, sink: sink, options: ParquetWriterOptions())
        try writer.write(columns: columns)
        _ = try writer.close()
        return sink.bytes
    }
}
