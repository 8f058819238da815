import Foundation

/// What to simulate. The same settings (seed included) always give byte-identical output.
public struct SimulationSettings: Sendable, Hashable {
    /// How many events to yield, dirty ones included.
    public var events: Int
    /// How many distinct listeners (`user_0001`, ...).
    public var users: Int
    public var seed: UInt64
    /// No event is later than this; the CLI passes "now".
    public var end: Date
    /// The events cover roughly the `days` days before `end`.
    public var days: Int = 7
    /// Share of yielded events that are deliberately dirty (duplicates, bad durations, missing
    /// optional fields, late arrivals): structurally valid, but for silver's rules to catch.
    public var dirtyShare: Double = 0.03
    public var catalogueTracks: Int = 5000
    public var catalogueArtists: Int = 500

    public init(
        events: Int, users: Int, seed: UInt64, end: Date, days: Int = 7, dirtyShare: Double = 0.03,
        catalogueTracks: Int = 5000, catalogueArtists: Int = 500
    ) {
        self.events = events
        self.users = users
        self.seed = seed
        self.end = end
        self.days = days
        self.dirtyShare = dirtyShare
        self.catalogueTracks = catalogueTracks
        self.catalogueArtists = catalogueArtists
    }

    /// The densest listening accepted: ~275 tracks (about 13 hours) a user a day. Beyond it the
    /// users could not have played that much within `days`; near it the heaviest listeners
    /// are saturated and the stream may reach up to a day further back than `days`.
    public static let maximumEventsPerUserPerDay = 300

    /// Bounded because every listener is built up front and the whole stream is planned once
    /// before the first event (see `ListeningSimulator`): a request for a billion listeners must
    /// be an error, not an out-of-memory crash.
    public static let allowedEvents: ClosedRange<Int> = 1...100_000_000
    public static let allowedUsers: ClosedRange<Int> = 1...1_000_000
    public static let allowedDirtyShare: ClosedRange<Double> = 0...0.5
    public static let allowedDays: ClosedRange<Int> = 1...3660
    /// Bounded so building the catalogue stays a matter of milliseconds.
    public static let allowedCatalogueTracks: ClosedRange<Int> = 1...1_000_000

    /// Checks every rule and reports the first one broken.
    public func validate() throws(SimulationSettingsError) {
        guard events >= 1 else { throw .eventsNotPositive(events) }
        guard users >= 1 else { throw .usersNotPositive(users) }
        guard Self.allowedEvents.contains(events) else { throw .eventsOutOfRange(events) }
        guard Self.allowedUsers.contains(users) else { throw .usersOutOfRange(users) }
        guard users <= events else { throw .moreUsersThanEvents(users: users, events: events) }
        guard Self.allowedDays.contains(days) else { throw .daysOutOfRange(days) }
        guard Self.allowedDirtyShare.contains(dirtyShare) else { throw .dirtyShareOutOfRange(dirtyShare) }
        guard catalogueArtists >= 1 else { throw .artistsNotPositive(catalogueArtists) }
        guard Self.allowedCatalogueTracks.contains(catalogueTracks) else { throw .tracksOutOfRange(catalogueTracks) }
        guard catalogueTracks >= catalogueArtists else {
            throw .fewerTracksThanArtists(tracks: catalogueTracks, artists: catalogueArtists)
        }
        let perUserPerDay = Double(events) / Double(users) / Double(days)
        guard perUserPerDay <= Double(Self.maximumEventsPerUserPerDay) else {
            throw .tooDense(eventsPerUserPerDay: perUserPerDay)
        }
        guard end.timeIntervalSince1970.isFinite, abs(end.timeIntervalSince1970) < 1e11 else { throw .endNotRepresentable }
    }
}
