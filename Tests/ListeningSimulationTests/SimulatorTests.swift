import EventSchema
import Foundation
import Testing
@testable import ListeningSimulation

/// Determinism, settings validation and the shape of the generated world.
@Suite struct SimulatorTests {
    @Test func sameSeedAndSettingsGiveByteIdenticalOutput() throws {
        let settings = SimulatorTestSample.settings(events: 20_000, users: 200, seed: 99)
        let first = SimulatorTestSample.streamHash(try ListeningSimulator(settings: settings), count: 20_000)
        let second = SimulatorTestSample.streamHash(try ListeningSimulator(settings: settings), count: 20_000)
        #expect(first == second)
    }

    @Test func differentSeedGivesDifferentOutput() throws {
        let one = try ListeningSimulator(settings: SimulatorTestSample.settings(seed: 1))
        let other = try ListeningSimulator(settings: SimulatorTestSample.settings(seed: 2))
        #expect(SimulatorTestSample.streamHash(one, count: 1000) != SimulatorTestSample.streamHash(other, count: 1000))
        #expect(one.catalogue.tracks[0].id != other.catalogue.tracks[0].id)
    }

    @Test func catalogueDependsOnlyOnSeedAndSize() throws {
        let small = try ListeningSimulator(settings: SimulatorTestSample.settings(events: 100, users: 5))
        let large = try ListeningSimulator(settings: SimulatorTestSample.settings(events: 5000, users: 50))
        #expect(small.catalogue.tracks.map(\.id) == large.catalogue.tracks.map(\.id))
    }

    @Test func yieldsExactlyTheRequestedNumberOfEvents() throws {
        for (events, users) in [(1, 1), (7, 7), (1000, 3), (2500, 100)] {
            let simulator = try ListeningSimulator(settings: SimulatorTestSample.settings(events: events, users: users))
            #expect(simulator.reduce(0) { count, _ in count + 1 } == events)
        }
    }

    @Test func defaultCatalogueHasEnoughTracksArtistsAndAlbums() {
        let catalogue = SimulatorTestSample.simulator.catalogue
        #expect(catalogue.tracks.count == 5000)
        #expect(catalogue.artists.count == 500)
        #expect(catalogue.albums.count >= 500)
        #expect(catalogue.genres.count >= 10)
        #expect(catalogue.genres.allSatisfy { !$0.artistsByPopularity.isEmpty })
        #expect(Set(catalogue.tracks.map(\.id)).count == catalogue.tracks.count)
        #expect(Set(catalogue.artists.map(\.name)).count > 300, "names should be varied")
    }

    @Test func idsAreSpotifyStyleBase62() {
        let catalogue = SimulatorTestSample.simulator.catalogue
        let ids = catalogue.tracks.map(\.id) + catalogue.artists.map(\.id) + catalogue.albums.map(\.id)
        let base62 = Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
        #expect(ids.allSatisfy { $0.utf8.count == 22 && $0.utf8.allSatisfy(base62.contains) })
    }

    @Test func trackDurationsAreRealistic() {
        let durations = SimulatorTestSample.simulator.catalogue.tracks.map(\.durationMs).sorted()
        #expect(durations.first! >= 90_000)
        #expect(durations.last! < 480_000)
        let median = durations[durations.count / 2]
        #expect((180_000...240_000).contains(median))
        let twoToSevenMinutes = durations.filter { (120_000...420_000).contains($0) }.count
        #expect(SimulatorTestSample.share(twoToSevenMinutes, of: durations.count) > 0.9)
    }

    @Test(arguments: [
        (SimulatorTestSample.settings(events: 0), "events"),
        (SimulatorTestSample.settings(events: 10, users: 0), "users"),
        (SimulatorTestSample.settings(events: 10, users: 11), "users"),
        (SimulatorTestSample.settings(events: 1_000_000, users: 10), "per user per day"),
    ])
    func invalidSettingsAreRejectedWithAClearMessage(settings: SimulationSettings, mentioning: String) {
        #expect {
            try ListeningSimulator(settings: settings)
        } throws: { error in
            (error as? SimulationSettingsError)?.description.contains(mentioning) == true
        }
    }

    @Test func invalidSharesDaysAndCatalogueSizesAreRejected() {
        var settings = SimulatorTestSample.settings()
        settings.dirtyShare = 0.6
        #expect(throws: SimulationSettingsError.dirtyShareOutOfRange(0.6)) { try settings.validate() }
        settings.dirtyShare = -0.1
        #expect(throws: SimulationSettingsError.dirtyShareOutOfRange(-0.1)) { try settings.validate() }
        settings = SimulatorTestSample.settings()
        settings.days = 0
        #expect(throws: SimulationSettingsError.daysOutOfRange(0)) { try settings.validate() }
        settings = SimulatorTestSample.settings()
        settings.catalogueTracks = 10
        settings.catalogueArtists = 20
        #expect(throws: SimulationSettingsError.fewerTracksThanArtists(tracks: 10, artists: 20)) { try settings.validate() }
        settings.catalogueArtists = 0
        #expect(throws: SimulationSettingsError.artistsNotPositive(0)) { try settings.validate() }
        settings = SimulatorTestSample.settings()
        settings.events = 100_000_001
        #expect(throws: SimulationSettingsError.eventsOutOfRange(100_000_001)) { try settings.validate() }
        settings.events = 10_000_000
        settings.users = 1_000_001
        #expect(throws: SimulationSettingsError.usersOutOfRange(1_000_001)) { try settings.validate() }
    }

    @Test func tinyCataloguesWork() throws {
        var settings = SimulatorTestSample.settings(events: 500, users: 5)
        settings.catalogueTracks = 1
        settings.catalogueArtists = 1
        let events = Array(try ListeningSimulator(settings: settings))
        #expect(events.count == 500)
        #expect(Set(events.map(\.event.trackID)).count == 1)
    }
}
