import ArgumentParser
import EventSchema
import Foundation
import Kafka
import Logging

/// Listening events as the four event topics carry them, with event time advancing at a given
/// number of events per simulated hour, so a benchmark can replay hours of traffic in seconds.
struct SimulatedTraffic: Sendable {
    /// 2025-11-18T00:00:00Z: the first simulated hour.
    static let start: Int64 = 1_763_424_000_000_000
    let eventsPerHour: Int

    /// Event `index` of the stream: 60 % plays, 20 % skips, 5 % likes, 15 % now_playing.
    func record(_ index: Int) -> KafkaProducerMessage {
        let type: EventType = switch index % 20 {
        case 0..<12: .play
        case 12..<16: .skip
        case 16: .like
        default: .nowPlaying
        }
        let track = (index &* 7919) % 5000
        let event = ListeningEvent(
            eventID: UUID(), userID: "user_\((index &* 104_729) % 10_000)", eventType: type,
            trackID: String(format: "%022x", track), playedAt: EventTimestamp(microsecondsSinceEpoch: playedAt(index)),
            trackName: "Track \(track)", artistName: "Artist \(track / 12)", durationMs: 120_000 + track * 37,
            albumName: "Album \(track / 10)", deviceType: DeviceType.known[index % DeviceType.known.count],
            msPlayed: type == .skip ? 5_000 + track : nil, source: .simulator
        )
        return KafkaProducerMessage(topic: type.kafkaTopic, key: event.userID, value: event.canonicalJSON())
    }

    func playedAt(_ index: Int) -> Int64 {
        Self.start + Int64(index) * 3_600_000_000 / Int64(eventsPerHour)
    }

    /// Produces events `range` as fast as the broker takes them, several batches in flight.
    func produce(_ range: Range<Int>, with producer: KafkaProducer) async throws {
        for chunk in stride(from: range.lowerBound, to: range.upperBound, by: 50_000) {
            let upper = min(chunk + 50_000, range.upperBound)
            let failures = await withTaskGroup(of: Int.self) { group in
                for batch in stride(from: chunk, to: upper, by: 5_000) {
                    let records = (batch..<min(batch + 5_000, upper)).map(record)
                    group.addTask { await producer.send(records).filter { if case .failure = $0 { true } else { false } }.count }
                }
                return await group.reduce(0, +)
            }
            if failures > 0 { throw ValidationError("\(failures) records were not acknowledged by the broker") }
        }
    }
}
