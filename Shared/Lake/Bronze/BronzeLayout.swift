import CivilTime

/// docs/CONTRACT.md §3: how an instant maps to its `year=/month=/day=/hour=` partition (the
/// dataset folder is `BronzeDataset.lakeFolder`). `BronzeFileKey` builds and parses keys.
public enum BronzeLayout {
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
