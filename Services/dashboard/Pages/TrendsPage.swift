import Foundation

/// Trends: plays per day and per hour (line charts), listening by hour of day and weekday.
enum TrendsPage {
    static func render(_ trends: TrendsData) -> String {
        guard trends.daily.contains(where: { $0.plays > 0 }) else {
            return Notice.empty("No plays match these filters", "Widen the date range or clear the device and user filters to see trends.")
        }
        let daily = trends.daily.map { ChartPoint(label: shortDay($0.day), tooltip: "\($0.day): \(HTML.number($0.plays)) plays", value: Double($0.plays)) }
        let peakDay = trends.daily.max { $0.plays < $1.plays }!
        let dailyFrame = ChartFrame(
            id: "chart-daily", title: "Plays per day",
            summary: "Plays per day from \(trends.daily.first!.day) to \(trends.daily.last!.day); most on \(peakDay.day) with \(HTML.number(peakDay.plays)).")
        let hourly = trends.hourly.map { ChartPoint(label: hourLabel($0.hour), tooltip: "\(hourTooltip($0.hour)): \(HTML.number($0.plays)) plays", value: Double($0.plays)) }
        let hourlyFrame = ChartFrame(
            id: "chart-hourly", title: "Plays per hour, last 2 days of the range",
            summary: "Plays per UTC hour over \(trends.hourly.count) hours; at most \(HTML.number(trends.hourly.map(\.plays).max() ?? 0)) in one hour.")
        let byHour = trends.playsByHourOfDay
        let hourBars = byHour.enumerated().map { ChartPoint(label: "\($0.offset)", tooltip: "\($0.offset):00–\($0.offset):59 UTC: \(HTML.number($0.element)) plays", value: Double($0.element)) }
        let hourFrame = ChartFrame(id: "chart-hour-of-day", title: "Listening by hour of day (UTC)", summary: summary(byHour, names: (0..<24).map { "\($0):00" }))
        let byWeekday = trends.playsByWeekday
        let weekdayBars = byWeekday.enumerated().map { ChartPoint(label: Heatmap.weekdays[$0.offset], tooltip: "\(Heatmap.weekdays[$0.offset]): \(HTML.number($0.element)) plays", value: Double($0.element)) }
        let weekdayFrame = ChartFrame(id: "chart-weekday", title: "Listening by weekday", summary: summary(byWeekday, names: Heatmap.weekdays))
        return """
        <section class="card" aria-labelledby="daily-heading"><h2 id="daily-heading">Plays per day</h2>\(LineChart.render(dailyFrame, points: daily, valueLabel: "plays"))</section>
        <section class="card" style="margin-top:16px" aria-labelledby="hourly-heading"><h2 id="hourly-heading">Plays per hour <span class="muted">(last 2 days of the range, UTC)</span></h2>\(LineChart.render(hourlyFrame, points: hourly, valueLabel: "plays", maxLabels: 8))</section>
        <div class="grid two" style="margin-top:16px">
        <section class="card" aria-labelledby="hod-heading"><h2 id="hod-heading">By hour of day</h2>\(BarChart.render(hourFrame, points: hourBars, valueLabel: "plays", labelEvery: 3))</section>
        <section class="card" aria-labelledby="wd-heading"><h2 id="wd-heading">By weekday</h2>\(BarChart.render(weekdayFrame, points: weekdayBars, valueLabel: "plays"))</section>
        </div>
        <section class="card" style="margin-top:16px" aria-labelledby="heat-heading"><h2 id="heat-heading">Weekday × hour</h2>\(Heatmap.render(id: "chart-heatmap", cells: trends.weekHours))</section>
        """
    }

    private static func summary(_ values: [Int], names: [String]) -> String {
        guard let peak = values.indices.max(by: { values[$0] < values[$1] }) else { return "No plays." }
        return "\(HTML.number(values.reduce(0, +))) plays in all; most at \(names[peak]) with \(HTML.number(values[peak]))."
    }

    /// "2025-11-18" → "Nov 18".
    private static func shortDay(_ day: String) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = day.split(separator: "-")
        guard parts.count == 3, let month = Int(parts[1]), (1...12).contains(month), let dayNumber = Int(parts[2]) else { return day }
        return "\(months[month - 1]) \(dayNumber)"
    }

    private static func hourLabel(_ hour: Date) -> String {
        let parts = CalendarDay.calendar.dateComponents([.hour], from: hour)
        return parts.hour == 0 ? shortDay(CalendarDay.string(hour)) : String(format: "%02d:00", parts.hour ?? 0)
    }

    private static func hourTooltip(_ hour: Date) -> String {
        let parts = CalendarDay.calendar.dateComponents([.hour], from: hour)
        return CalendarDay.string(hour) + String(format: " %02d:00 UTC", parts.hour ?? 0)
    }
}
