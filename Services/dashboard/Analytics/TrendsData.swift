/// The Trends page's series for one filter.
struct TrendsData: Sendable, Equatable {
    /// Every day of the range in order, days without plays included as 0.
    var daily: [DailyCount]
    /// Every hour of the last 2 days of the range, hours without plays included as 0.
    var hourly: [HourlyCount]
    var weekHours: [WeekHourCell]

    var playsByHourOfDay: [Int] {
        var totals = Array(repeating: 0, count: 24)
        for cell in weekHours where (0..<24).contains(cell.hour) { totals[cell.hour] += cell.plays }
        return totals
    }

    /// Index 0 = Monday.
    var playsByWeekday: [Int] {
        var totals = Array(repeating: 0, count: 7)
        for cell in weekHours where (1...7).contains(cell.weekday) { totals[cell.weekday - 1] += cell.plays }
        return totals
    }
}
