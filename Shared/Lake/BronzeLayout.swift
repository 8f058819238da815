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

    /// Civil UTC date and hour of an instant (Howard Hinnant's days-to-civil algorithm, so no
    /// Calendar or time zone database is involved).
    public static func civilHour(ofMicroseconds microseconds: Int64) -> (year: Int, month: Int, day: Int, hour: Int) {
        let hours = hourStart(ofMicroseconds: microseconds) / 3_600_000_000
        let days = hours >= 0 ? hours / 24 : (hours - 23) / 24
        let hour = Int(hours - days * 24)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yoe + era * 400) + (month <= 2 ? 1 : 0)
        return (year, month, day, hour)
    }

    /// The start of a civil UTC hour in microseconds since the epoch (the inverse of
    /// `civilHour`: Hinnant's days-from-civil).
    public static func hourStart(year: Int, month: Int, day: Int, hour: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return (days * 24 + Int64(hour)) * 3_600_000_000
    }
}
