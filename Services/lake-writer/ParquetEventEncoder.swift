import EventSchema
import Foundation
import Lake
import Parquet

/// Records → the bronze columns (`BronzeParquetSchema`, docs/CONTRACT.md) → one Parquet file.
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

    /// One record onto `columns`, in `BronzeParquetSchema`'s order.
    static func append(_ event: ListeningEvent, partition: Int32, offset: Int64, ingestedAtMicros: Int64,
                       to columns: inout [ParquetColumnBuilder]) {
        columns.withUnsafeMutableBufferPointer { column in
            appendLowercased(event.eventID, to: &column[0])
            column[1].append(event.userID)
            column[2].append(event.eventType.rawValue)
            column[3].append(event.trackID)
            column[4].append(event.trackName)
            column[5].append(event.artistName)
            column[6].append(event.albumName)
            column[7].append(event.durationMs.map(Int64.init))
            column[8].append(event.playedAt.microsecondsSinceEpoch as Int64?)
            column[9].append(event.deviceType?.rawValue)
            column[10].append(event.msPlayed.map(Int64.init))
            column[11].append(event.positionMs.map(Int64.init))
            column[12].append(event.contextType?.rawValue)
            column[13].append(event.artistID)
            column[14].append(event.albumID)
            column[15].append(event.albumImageURL)
            column[16].append(event.source?.rawValue)
            column[17].append(Int64(event.schemaVersion) as Int64?)
            column[18].append(partition as Int32?)
            column[19].append(offset as Int64?)
            column[20].append(ingestedAtMicros as Int64?)
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
