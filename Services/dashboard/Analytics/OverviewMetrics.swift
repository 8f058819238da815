/// The Overview page's headline numbers for one filter.
struct OverviewMetrics: Sendable, Equatable {
    var plays: Int
    var uniqueTracks: Int
    var uniqueArtists: Int
    var millisecondsListened: Int
    var activeUsers: Int
    /// The day "today" stands for: the filter's end day, or the current UTC day.
    var referenceDay: String
    var playsOnReferenceDay: Int
    /// Mean plays per day over the 7 days before `referenceDay` (days without plays count as 0).
    var sevenDayAverage: Double

    var minutesListened: Double { Double(millisecondsListened) / 60_000 }
}
