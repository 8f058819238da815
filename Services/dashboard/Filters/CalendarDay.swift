import Foundation

/// UTC calendar-day arithmetic on `YYYY-MM-DD` strings (the filters' and the charts' unit).
enum CalendarDay {
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func date(_ day: String) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    static func string(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    static func adding(_ days: Int, to day: String) -> String {
        guard let date = date(day) else { return day }
        return string(date.addingTimeInterval(Double(days) * 86_400))
    }

    /// Every day from `first` to `last`, inclusive (empty when `last` is before `first`).
    static func range(_ first: String, _ last: String) -> [String] {
        guard var current = date(first), let end = date(last) else { return [] }
        var days: [String] = []
        while current <= end {
            days.append(string(current))
            current.addTimeInterval(86_400)
        }
        return days
    }

    static func today(now: Date = Date()) -> String { string(now) }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
