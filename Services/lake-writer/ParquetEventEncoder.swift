import EventSchema
import Lake
import Parquet

/// A buffer's events → one Parquet file (SPEC.md bronze columns), written in one column batch.
enum ParquetEventEncoder {
    /// Column batches below follow `BronzeParquetSchema`'s order.
    static let schema = BronzeParquetSchema.schema

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
