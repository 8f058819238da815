import EventSchema
import Foundation
import Testing
@testable import ListeningSimulation

/// Every simulated event, dirty ones included, must pass ingestion's structural validation.
@Suite struct SimulatorEventValidityTests {
    private let sample = SimulatorTestSample.self

    @Test func everyEventDecodesToItselfAndItsJSONIsCanonical() throws {
        for simulated in sample.events {
            #expect(simulated.json == simulated.event.canonicalJSON())
            let decoded = try ListeningEvent.decode(simulated.json, now: sample.end)
            #expect(decoded == simulated.event)
        }
    }

    @Test func fastEncoderMatchesCanonicalJSONForUnusualValues() {
        let encoder = SimulatedEventJSONEncoder()
        let timestamps: [Int64] = [0, 1, 999, 1000, 1_000_000, -1, -1_000_000, 253_402_300_799_999_999, -62_135_596_800_000_000, -62_135_596_800_000_001]
        for micros in timestamps {
            let event = ListeningEvent(
                eventID: UUID(), userID: "user \"quoted\" \\ back\nline\u{1}", eventType: .play, trackID: "t",
                playedAt: EventTimestamp(microsecondsSinceEpoch: micros), trackName: "Ünïcödé ✓ 🎵",
                artistName: "", durationMs: Int.min + 1, msPlayed: -5, positionMs: 0,
                albumImageURL: "https://i.scdn.co/image/x", schemaVersion: 1
            )
            #expect(encoder.encode(event) == event.canonicalJSON(), "\(micros)")
        }
    }

    @Test func eventsUseTheCatalogueAndSayWhereTheyCameFrom() {
        let trackIDs = Set(sample.simulator.catalogue.tracks.map(\.id))
        for simulated in sample.events {
            #expect(trackIDs.contains(simulated.event.trackID))
            #expect(simulated.event.source == .simulator)
            #expect(simulated.event.trackName != nil && simulated.event.artistName != nil)
        }
    }

    @Test func noEventIsAfterTheEndAndTheWindowIsAboutTheRequestedDays() {
        let times = sample.events.map(\.event.playedAt)
        let end = EventTimestamp(sample.end)
        #expect(times.allSatisfy { $0 <= end })
        #expect(times.max() == end, "the stream is pinned to end exactly")
        let onTime = sample.onTimeEvents.map(\.event.playedAt.microsecondsSinceEpoch)
        let spanDays = Double(onTime.max()! - onTime.min()!) / 86_400e6
        #expect((6.0...8.5).contains(spanDays), "span \(spanDays) days")
    }

    @Test func eventsInterleaveUsersInTimeOrder() {
        let onTime = sample.onTimeEvents.map(\.event.playedAt)
        #expect(zip(onTime, onTime.dropFirst()).allSatisfy { $0 <= $1 })
        let firstThousandUsers = Set(sample.events.prefix(1000).map(\.event.userID))
        #expect(firstThousandUsers.count > 50, "traffic should interleave many users")
    }

    @Test func skipsHappenBeforeTheEndOfTheTrack() {
        for simulated in sample.onTimeEvents where simulated.event.eventType == .skip && simulated.defect == nil {
            let position = simulated.event.positionMs!
            #expect(position >= 0 && position < simulated.event.durationMs!)
        }
    }

    @Test func cleanEventsHaveEveryUsefulOptionalField() {
        for simulated in sample.events where simulated.defect == nil {
            let event = simulated.event
            #expect(event.deviceType?.isKnown == true && event.contextType != nil && event.albumName != nil)
            #expect(event.artistID != nil && event.albumID != nil)
            #expect((1..<600_000).contains(event.durationMs!))
            if event.eventType == .play { #expect(event.msPlayed! <= event.durationMs!) }
        }
    }
}
