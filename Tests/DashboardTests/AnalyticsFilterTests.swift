import Testing

@testable import Dashboard

@Suite("filters in the URL")
struct AnalyticsFilterTests {
    @Test("valid filters are kept and written back into a shareable query string")
    func roundTrip() throws {
        let filter = try AnalyticsFilter(query: ["from": "2025-11-01", "to": "2025-11-20", "device": "Mobile", "user": "user 42&x"])
        #expect(filter == AnalyticsFilter(from: "2025-11-01", to: "2025-11-20", device: "mobile", user: "user 42&x"))
        #expect(filter.queryString == "?from=2025-11-01&to=2025-11-20&device=mobile&user=user%2042%26x")
        #expect(try AnalyticsFilter(query: ["from": " ", "user": ""]).isEmpty)
        #expect(AnalyticsFilter().queryString == "")
    }

    @Test("bad values name the field", arguments: [
        (["from": "2025-13-01"], "from"), (["to": "2025-02-30"], "to"), (["from": "yesterday"], "from"),
        (["from": "2025-11-20", "to": "2025-11-01"], "to"), (["device": "toaster"], "device"),
        (["user": String(repeating: "u", count: 129)], "user"),
    ])
    func invalid(query: [String: String], field: String) {
        #expect(throws: InvalidFilter.self) { try AnalyticsFilter(query: query) }
        do throws(InvalidFilter) {
            _ = try AnalyticsFilter(query: query)
        } catch {
            #expect(error.field == field)
            #expect(!error.message.isEmpty)
        }
    }

    @Test("calendar days: ranges and leap years")
    func calendarDays() {
        #expect(CalendarDay.range("2024-02-27", "2024-03-01") == ["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"])
        #expect(CalendarDay.adding(-7, to: "2025-11-03") == "2025-10-27")
        #expect(CalendarDay.range("2025-11-02", "2025-11-01").isEmpty)
    }
}
