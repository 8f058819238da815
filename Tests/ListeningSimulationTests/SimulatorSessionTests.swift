import EventSchema
import Foundation
import Testing
@testable import ListeningSimulation

/// Sessions as silver sees them: a new session after more than 30 minutes of inactivity.
@Suite struct SimulatorSessionTests {
    private let sample = SimulatorTestSample.self
    private let thirtyMinutes: Int64 = 30 * 60_000_000

    private var eventsByUser: [String: [SimulatedEvent]] {
        Dictionary(grouping: sample.onTimeEvents, by: \.event.userID)
    }

    @Test func eachUsersEventsAreChronological() {
        for (_, events) in eventsByUser {
            let times = events.map(\.event.playedAt)
            #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
        }
    }

    @Test func eventsWithinASessionAreLessThanThirtyMinutesApartAndSessionsMoreThanThirty() {
        var sessionsChecked = 0
        for (_, events) in eventsByUser {
            for (previous, next) in zip(events, events.dropFirst()) {
                let gap = next.event.playedAt.microsecondsSinceEpoch - previous.event.playedAt.microsecondsSinceEpoch
                if previous.session == next.session {
                    #expect(gap < thirtyMinutes)
                } else {
                    sessionsChecked += 1
                    #expect(gap > thirtyMinutes)
                }
            }
        }
        #expect(sessionsChecked > 1000)
    }

    @Test func sessionsHaveRealisticLengths() {
        let playbacksPerSession = Dictionary(grouping: sample.playbacks, by: \.session).mapValues(\.count)
        let mean = Double(playbacksPerSession.values.reduce(0, +)) / Double(playbacksPerSession.count)
        #expect((3...20).contains(mean), "mean session length \(mean) tracks")
    }

    @Test func aUserListensOnOneDeviceWithinASession() {
        for (_, events) in Dictionary(grouping: sample.onTimeEvents.filter { $0.defect == nil }, by: \.session) {
            #expect(Set(events.map(\.event.deviceType)).count == 1)
        }
    }
}
