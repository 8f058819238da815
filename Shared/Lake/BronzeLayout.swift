import CivilTime

/// docs/CONTRACT.md §3: which folder a topic's events land in and how an instant
/// maps to its `year=/month=/day=/hour=` partition. `BronzeFileKey` builds and parses keys.
public enum BronzeLayout {
    /// Topic → dataset folder under `bronze/`.
    public static let datasets: [String: String] = [
        "user_plays": "plays", "user_skips": "skips", "user_likes": "likes", "now_playing": "now_playing",
    ]

    public static func dataset(forTopic topic: String) -> String? { datasets[topic] }

    /// The start of the UTC hour holding `microseconds` (since the epoch), in microseconds.
    public static func hourStart(ofMicroseconds microseconds: Int64) -> Int64 {
        let hour: Int64 = 3_600_000_000
        return microseconds >= 0 ? microseconds / hour * hour : (microseconds - hour + 1) / hour * hour
    }

    /// Civil UTC date and hour of an instant (`CivilCalendar`: no Calendar or time zone database).
    public static func civilHour(ofMicroseconds microseconds: Int64) -> (year: Int, month: Int, day: Int, hour: Int) {
        let (days, hour) = CivilCalendar.floorDivide(hourStart(ofMicroseconds: microseconds) / 3_600_000_000, 24)
        let date = CivilCalendar.date(days: Int(days))
        return (date.year, date.month, date.day, Int(hour))
    }

    /// The start of a civil UTC hour in microseconds since the epoch (the inverse of `civilHour`).
    public static func hourStart(year: Int, month: Int, day: Int, hour: Int) -> Int64 {
        (Int64(CivilCalendar.days(year: year, month: month, day: day)) * 24 + Int64(hour)) * 3_600_000_000
    }
}
