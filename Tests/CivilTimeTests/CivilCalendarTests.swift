import CivilTime
import Foundation
import Testing

@Suite("the civil calendar (days since 1970 and UTC dates)")
struct CivilCalendarTests {
    @Test("known dates, leap days and century rules")
    func knownDates() {
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.days(year: 1969, month: 12, day: 31) == -1)
        #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.days(year: 2024, month: 2, day: 29) == 19_782)
        #expect(CivilCalendar.date(days: 19_782) == (2024, 2, 29))
        #expect(CivilCalendar.date(days: -719_468) == (0, 3, 1))
        #expect(CivilCalendar.isLeapYear(2000) && CivilCalendar.isLeapYear(2024) && !CivilCalendar.isLeapYear(1900) && !CivilCalendar.isLeapYear(2023))
        #expect(CivilCalendar.daysInMonth(year: 1900, month: 2) == 28)
        #expect(CivilCalendar.daysInMonth(year: 2000, month: 2) == 29)
        #expect([4, 6, 9, 11].allSatisfy { CivilCalendar.daysInMonth(year: 2025, month: $0) == 30 })
    }

    @Test("days and dates are inverse, and agree with Foundation's Gregorian calendar, from 1600 to 2400")
    func agreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let first = CivilCalendar.days(year: 1600, month: 1, day: 1)
        let last = CivilCalendar.days(year: 2400, month: 12, day: 31)
        for days in stride(from: first, through: last, by: 37) {
            let date = CivilCalendar.date(days: days)
            #expect(CivilCalendar.days(year: date.year, month: date.month, day: date.day) == days)
            let components = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(days) * 86_400))
            #expect(components.year == date.year && components.month == date.month && components.day == date.day, "day \(days)")
        }
    }

    @Test("floor division keeps an instant before 1970 in the unit that holds it")
    func floorDivision() {
        #expect(CivilCalendar.floorDivide(-1, 86_400) == (-1, 86_399))
        #expect(CivilCalendar.floorDivide(86_400, 86_400) == (1, 0))
        #expect(CivilCalendar.floorDivide(-86_400, 86_400) == (-1, 0))
        #expect(CivilCalendar.floorDivide(5, 3) == (1, 2))
    }
}
