import EventSchema
import Foundation

/// A deterministic, lazily generated stream of realistic listening events (and a configured
/// share of dirty ones) for the platform to ingest when no Spotify account is connected.
///
/// ```swift
/// let simulator = try ListeningSimulator(settings: SimulationSettings(events: 1000, users: 50, seed: 42, end: Date()))
/// for simulated in simulator { send(simulated.json) }
/// ```
public struct ListeningSimulator: Sequence, Sendable {
    public let settings: SimulationSettings
    let catalogue: MusicCatalogue
    let users: [SimulatedUser]
    /// Real time = planner time + this (milliseconds).
    let timeShiftMs: Int64

    /// Validates the settings, builds the world, and pins the time window.
    ///
    /// How long N events take to happen depends on every listener's random sessions, so the
    /// planner first runs once without rendering (no strings, no JSON: a fraction of the cost)
    /// to find the latest played_at; the real run is then shifted so that it ends exactly at
    /// `settings.end`, never after it.
    public init(settings: SimulationSettings) throws(SimulationSettingsError) {
        try settings.validate()
        self.settings = settings
        catalogue = MusicCatalogue(seed: settings.seed, trackCount: settings.catalogueTracks, artistCount: settings.catalogueArtists)
        users = SimulatedListenerPopulation.make(settings: settings, catalogue: catalogue)

        var dryRun = Self.planner(settings: settings, catalogue: catalogue, users: users)
        var latestMs = Int64.min
        while let event = dryRun.next() { latestMs = Swift.max(latestMs, event.playedAtMs) }
        timeShiftMs = Self.endMs(of: settings) - latestMs
    }

    public func makeIterator() -> SimulatedEventIterator {
        SimulatedEventIterator(
            planner: Self.planner(settings: settings, catalogue: catalogue, users: users),
            renderer: SimulatedEventRenderer(catalogue: catalogue, users: users, timeShiftMs: timeShiftMs)
        )
    }

    /// Planner time starts `days` before the end; the dry run then corrects the small drift.
    private static func planner(settings: SimulationSettings, catalogue: MusicCatalogue, users: [SimulatedUser]) -> ListeningPlanner {
        let windowStartMs = endMs(of: settings) - Int64(settings.days) * 86_400_000
        return ListeningPlanner(settings: settings, catalogue: catalogue, users: users, windowStartMs: windowStartMs)
    }

    /// `settings.end` in whole milliseconds, rounded down so no event lands after it.
    private static func endMs(of settings: SimulationSettings) -> Int64 {
        let micros = EventTimestamp(settings.end).microsecondsSinceEpoch
        let (quotient, remainder) = micros.quotientAndRemainder(dividingBy: 1000)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
