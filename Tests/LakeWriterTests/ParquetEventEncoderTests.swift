import EventSchema
import Foundation
import Kafka
import Lake
import Parquet
import Testing
@testable import LakeWriter

@Suite("A buffer's columns become the bronze file")
struct ParquetEventEncoderTests {
    /// Every field of every event comes back from the file as the event (and the Kafka
    /// coordinates) said, nulls included; event ids in the lowercase form bronze stores.
    @Test func theFileHoldsEveryEventAsItWasBuffered() throws {
        let partition = KafkaTopicPartition(topic: "user_plays", partition: 4)
        var buffer = PartitionBuffer(key: .init(partition: partition, hourStart: 0), createdAt: .now)
        let events: [ListeningEvent] = (0..<500).map { (index: Int) -> ListeningEvent in
            let playedAt = EventTimestamp(microsecondsSinceEpoch: 1_763_470_800_000_000 + Int64(index))
            let type: EventType = index % 3 == 0 ? .skip : .play
            let name: String? = index % 5 == 0 ? nil : "Déjà 🎧 \(index)"
            let duration: Int? = index % 7 == 0 ? nil : 1000 + index
            var event = ListeningEvent(eventID: UUID(), userID: "user_\(index % 17)", eventType: type, trackID: "track_\(index)",
                                       playedAt: playedAt, trackName: name, artistName: "a", durationMs: duration)
            event.deviceType = index % 2 == 0 ? DeviceType.mobile : nil
            event.msPlayed = index
            return event
        }
        for (index, event) in events.enumerated() {
            buffer.append(event, offset: Int64(100 + index), ingestedAtMicros: 42, at: .now)
        }
        #expect(buffer.count == 500 && buffer.firstOffset == 100 && buffer.lastOffset == 599)
        let reader = try ParquetReader(bytes: try ParquetEventEncoder.encode(buffer))
        #expect(reader.numRows == 500)
        #expect(try reader.readColumn(named: "event_id").strings() == events.map { $0.eventIDString })
        #expect(try reader.readColumn(named: "user_id").strings() == events.map { $0.userID })
        #expect(try reader.readColumn(named: "event_type").strings() == events.map { $0.eventType.rawValue })
        #expect(try reader.readColumn(named: "track_name").strings() == events.map { $0.trackName })
        #expect(try reader.readColumn(named: "album_name").strings() == events.map { $0.albumName })
        #expect(try reader.readColumn(named: "duration_ms").int64s() == events.map { $0.durationMs.map(Int64.init) })
        #expect(try reader.readColumn(named: "device_type").strings() == events.map { $0.deviceType?.rawValue })
        #expect(try reader.readColumn(named: "played_at").int64s() == events.map { $0.playedAt.microsecondsSinceEpoch })
        #expect(try reader.readColumn(named: "schema_version").int64s() == events.map { Int64($0.schemaVersion) })
        #expect(try reader.readColumn(named: "_kafka_partition").int32s() == Array(repeating: 4, count: 500))
        #expect(try reader.readColumn(named: "_kafka_offset").int64s() == (100..<600).map { Int64($0) })
        #expect(try reader.readColumn(named: "_ingested_at").int64s() == Array(repeating: 42, count: 500))
    }
}
