/// A setting the simulator cannot work with; `description` is the one-line message for the user.
public enum SimulationSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    case eventsNotPositive(Int)
    case usersNotPositive(Int)
    case eventsOutOfRange(Int)
    case usersOutOfRange(Int)
    case moreUsersThanEvents(users: Int, events: Int)
    case daysOutOfRange(Int)
    case dirtyShareOutOfRange(Double)
    case artistsNotPositive(Int)
    case tracksOutOfRange(Int)
    case fewerTracksThanArtists(tracks: Int, artists: Int)
    case tooDense(eventsPerUserPerDay: Double)
    case endNotRepresentable

    public var description: String {
        switch self {
        case .eventsNotPositive(let events):
            "events must be at least 1, got \(events)"
        case .usersNotPositive(let users):
            "users must be at least 1, got \(users)"
        case .eventsOutOfRange(let events):
            "events must be at most \(SimulationSettings.allowedEvents.upperBound), got \(events)"
        case .usersOutOfRange(let users):
            "users must be at most \(SimulationSettings.allowedUsers.upperBound), got \(users)"
        case .moreUsersThanEvents(let users, let events):
            "users (\(users)) must not exceed events (\(events)): every user needs at least one event"
        case .daysOutOfRange(let days):
            "days must be in \(SimulationSettings.allowedDays.lowerBound)...\(SimulationSettings.allowedDays.upperBound), got \(days)"
        case .dirtyShareOutOfRange(let share):
            "dirty share must be in 0...0.5, got \(share)"
        case .artistsNotPositive(let artists):
            "catalogue artists must be at least 1, got \(artists)"
        case .tracksOutOfRange(let tracks):
            "catalogue tracks must be in 1...\(SimulationSettings.allowedCatalogueTracks.upperBound), got \(tracks)"
        case .fewerTracksThanArtists(let tracks, let artists):
            "catalogue tracks (\(tracks)) must be at least catalogue artists (\(artists)): every artist needs a track"
        case .tooDense(let density):
            "\(Int(density.rounded())) events per user per day is more than anyone can listen to "
                + "(at most \(SimulationSettings.maximumEventsPerUserPerDay)); raise users or days"
        case .endNotRepresentable:
            "end must be a finite date within a few thousand years of 1970"
        }
    }
}
