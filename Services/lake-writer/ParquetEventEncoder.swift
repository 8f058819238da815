import EventSchema
import Foundation
import Lake
import Parquet

/// Records → the bronze columns (`BronzeColumn`, docs/CONTRACT.md) → one Parquet file.
///
/// A buffer appends each record to the columns as it arrives (`append`), so writing a file is
/// handing the grown columns to the writer in one batch.
enum ParquetEventEncoder {
    static let schema = BronzeParquetSchema.schema

    /// Empty columns in the schema's order.
    static func columns() -> [ParquetColumnBuilder] {
        // The schema is a constant of text and integer columns: a failure is a programming error.
        schema.columns.map { try! ParquetColumnBuilder(type: $0.type) }
    }

    /// The table's columns, in order (`allCases` would build an array per record).
    private static let order = BronzeColumn.allCases

    /// One record onto `columns`, in `BronzeColumn`'s order: the one place that says how each
    /// bronze column is taken from an event (a new column does not compile until it is here).
    static func append(_ event: ListeningEvent, partition: Int32, offset: Int64, ingestedAtMicros: Int64,
                       to columns: inout [ParquetColumnBuilder]) {
        columns.withUnsafeMutableBufferPointer { builders in
            for (index, column) in order.enumerated() {
                switch column {
                case .eventID: appendLowercased(event.eventID, to: &builders[index])
                case .userID: builders[index].append(event.userID)
                case .eventType: builders[index].append(event.eventType.rawValue)
                case .trackID: builders[index].append(event.trackID)
                case .trackName: builders[index].append(event.trackName)
                case .artistName: builders[index].append(event.artistName)
                case .albumName: builders[index].append(event.albumName)
                case .durationMs: builders[index].append(event.durationMs.map(Int64.init))
                case .playedAt: builders[index].append(event.playedAt.microsecondsSinceEpoch as Int64?)
                case .deviceType: builders[index].append(event.deviceType?.rawValue)
                case .msPlayed: builders[index].append(event.msPlayed.map(Int64.init))
                case .positionMs: builders[index].append(event.positionMs.map(Int64.init))
                case .contextType: builders[index].append(event.contextType?.rawValue)
                case .artistID: builders[index].append(event.artistID)
                case .albumID: builders[index].append(event.albumID)
                case .albumImageURL: builders[index].append(event.albumImageURL)
                case .source: builders[index].append(event.source?.rawValue)
                case .schemaVersion: builders[index].append(Int64(event.schemaVersion) as Int64?)
                case .kafkaPartition: builders[index].append(partition as Int32?)
                case .kafkaOffset: builders[index].append(offset as Int64?)
                case .ingestedAt: builders[index].append(ingestedAtMicros as Int64?)
                }
            }
        }
    }

    /// `ListeningEvent.eventIDString` without its two `String`s: Foundation formats a UUID
    /// through `snprintf`, which was the lake-writer's largest single cost after JSON parsing.
    static func appendLowercased(_ id: UUID, to column: inout ParquetColumnBuilder) {
        let hex: StaticString = "0123456789abcdef"
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { text in
            withUnsafeBytes(of: id.uuid) { raw in
                hex.withUTF8Buffer { digits in
                    var at = 0
                    for (index, byte) in raw.enumerated() {
                        if index == 4 || index == 6 || index == 8 || index == 10 { text[at] = UInt8(ascii: "-"); at += 1 }
                        text[at] = digits[Int(byte >> 4)]
                        text[at + 1] = digits[Int(byte & 0x0f)]
                        at += 2
                    }
                }
            }
            column.append(utf8: UnsafeRawBufferPointer(text))
        }
    }

    static func encode(_ buffer: PartitionBuffer) throws -> [UInt8] {
        let sink = ParquetMemorySink(capacity: max(4096, buffer.bytes / 3))
        let writer = try ParquetWriter(schema: schema, sink: sink, options: ParquetWriterOptions())
        try writer.write(columns: buffer.columns.map { $0.build() })
        _ = try writer.close()
        return sink.bytes
    }
}
