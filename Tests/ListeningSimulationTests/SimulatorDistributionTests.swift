import EventSchema
import Foundation
import Testing
@testable import ListeningSimulation

/// The listening world's statistics on the shared 100,000-event sample.
///
/// Shares are of *playbacks*: every track started yields exactly one play or skip event, so
/// skip share = skips / (plays + skips), and likes and now_playing are counted against the same.
@Suite struct SimulatorDistributionTests {
    private let sample = SimulatorTestSample.self

    private func count(_ type: EventType) -> Int {
        sample.onTimeEvents.filter { $0.event.eventType == type }.count
    }

    @Test func skipShareIsAboutAQuarterOfPlaybacks() {
        let share = sample.share(count(.skip), of: sample.playbacks.count)
        #expect(abs(share - 0.25) <= 0.05, "skip share \(share)")
    }

    @Test func likeShareIsAboutFivePercentOfPlaybacks() {
        let share = sample.share(count(.like), of: sample.playbacks.count)
        #expect(abs(share - 0.05) <= 0.02, "like share \(share)")
    }

    @Test func nowPlayingIsASmallShare() {
        let share = sample.share(count(.nowPlaying), of: sample.playbacks.count)
        #expect((0.02...0.06).contains(share), "now_playing share \(share)")
    }

    @Test func dirtyShareIsAsConfiguredAndEveryDefectIsVisibleInTheData() {
        let dirty = sample.events.filter { $0.defect != nil }
        let share = sample.share(dirty.count, of: sample.events.count)
        #expect(abs(share - sample.settings.dirtyShare) <= 0.01, "dirty share \(share)")
        #expect(Set(dirty.compactMap(\.defect)) == Set(SimulatedDefect.allCases))

        var firstBytes: [UUID: [UInt8]] = [:]
        var latestSoFar = EventTimestamp(microsecondsSinceEpoch: .min)
        for simulated in sample.events {
            let event = simulated.event
            switch simulated.defect {
            case .duplicate:
                #expect(firstBytes[event.eventID] == simulated.json, "a duplicate re-sends the same bytes")
            case .invalidDuration:
                #expect(!(1..<600_000).contains(event.durationMs!))
            case .missingOptionalFields:
                #expect(event.deviceType == nil && event.albumName == nil && event.contextType == nil)
            case .lateArrival:
                #expect(event.playedAt.microsecondsSinceEpoch < latestSoFar.microsecondsSinceEpoch - 30 * 60_000_000)
            case nil:
                #expect(firstBytes[event.eventID] == nil, "clean events have fresh ids")
            }
            if firstBytes[event.eventID] == nil { firstBytes[event.eventID] = simulated.json }
            latestSoFar = max(latestSoFar, event.playedAt)
        }
    }

    @Test func noDirtEventsWhenTheShareIsZero() throws {
        var settings = SimulatorTestSample.settings(events: 20_000, users: 100)
        settings.dirtyShare = 0
        let events = Array(try ListeningSimulator(settings: settings))
        #expect(events.allSatisfy { $0.defect == nil })
        #expect(Set(events.map(\.event.eventID)).count == events.count)
    }

    @Test func popularityIsHeavyTailed() {
        var plays: [String: Int] = [:]
        for simulated in sample.playbacks { plays[simulated.event.trackID, default: 0] += 1 }
        let counts = plays.values.sorted(by: >)
        let topOnePercent = sample.simulator.catalogue.tracks.count / 100
        let share = sample.share(counts.prefix(topOnePercent).reduce(0, +), of: sample.playbacks.count)
        #expect(share > 0.08, "top 1% of tracks take \(share) of playbacks (uniform would be 0.01)")
    }

    @Test func mostSkipsAreEarly() {
        let fractions = sample.playbacks.filter { $0.event.eventType == .skip }
            .map { Double($0.event.positionMs!) / Double($0.event.durationMs!) }
            .sorted()
        let median = fractions[fractions.count / 2]
        #expect(median < 0.4, "median skip at \(median) of the track")
    }

    @Test func mobileIsTheMostCommonDevice() {
        var devices: [DeviceType: Int] = [:]
        for simulated in sample.playbacks { if let device = simulated.event.deviceType { devices[device, default: 0] += 1 } }
        let ranked = devices.sorted { $0.value > $1.value }.map(\.key)
        #expect(ranked.first == .mobile)
        #expect(ranked.prefix(2) == [.mobile, .desktop])
        #expect(Set(devices.keys) == Set(ListeningBehaviour.deviceMix.map(\.device)))
    }

    @Test func everyContextTypeOccurs() {
        let contexts = Set(sample.playbacks.compactMap(\.event.contextType))
        #expect(contexts == Set(ContextType.allCases))
    }

    @Test func usersMostlyListenToTheirPreferredGenres() {
        let catalogue = sample.simulator.catalogue
        let trackIndex = Dictionary(uniqueKeysWithValues: catalogue.tracks.enumerated().map { ($1.id, $0) })
        let userIndex = Dictionary(uniqueKeysWithValues: sample.simulator.users.enumerated().map { ($1.id, $0) })
        var totals = [Int](repeating: 0, count: sample.simulator.users.count)
        var preferred = totals
        for simulated in sample.playbacks {
            let user = userIndex[simulated.event.userID]!
            let genre = catalogue.genre(ofTrack: trackIndex[simulated.event.trackID]!)
            totals[user] += 1
            if sample.simulator.users[user].taste.preferredGenres.contains(genre) { preferred[user] += 1 }
        }
        // Listeners with enough plays for their share to mean something (a light listener's
        // single exploring session can dominate their few plays).
        let active = totals.indices.filter { totals[$0] >= 100 }
        #expect(active.count > 100)
        for user in active {
            #expect(sample.share(preferred[user], of: totals[user]) > 0.6, "user \(user)")
        }
        let overall = sample.share(preferred.reduce(0, +), of: totals.reduce(0, +))
        #expect(overall > 0.8, "overall share in preferred genres \(overall)")
    }

    @Test func consecutiveTracksInASessionMostlyShareAGenre() {
        // The co-occurrence signal: sessions are coherent, not random draws from the catalogue.
        let catalogue = sample.simulator.catalogue
        let trackIndex = Dictionary(uniqueKeysWithValues: catalogue.tracks.enumerated().map { ($1.id, $0) })
        var lastGenreOfSession: [Int: Int] = [:]
        var pairs = 0
        var sameGenre = 0
        for simulated in sample.playbacks {
            let genre = catalogue.genre(ofTrack: trackIndex[simulated.event.trackID]!)
            if let previous = lastGenreOfSession[simulated.session] {
                pairs += 1
                if previous == genre { sameGenre += 1 }
            }
            lastGenreOfSession[simulated.session] = genre
        }
        #expect(sample.share(sameGenre, of: pairs) > 0.7)
    }
}
