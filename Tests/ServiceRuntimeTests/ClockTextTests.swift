import Foundation
import ServiceRuntime
import Testing

@Suite("clock text")
struct ClockTextTests {
    let now = Date(timeIntervalSince1970: 1_795_341_540)  // 2026-11-22 09:59:00 UTC

    @Test("UTC text, whatever the server's time zone")
    func utc() {
        #expect(ClockText.utc(now) == "2026-11-22 09:59:00 UTC")
        #expect(ClockText.utc(now.addingTimeInterval(0.9)) == "2026-11-22 09:59:00 UTC")
    }

    @Test("how long ago, or ahead", arguments: [
        (0.0 as Double, "just now"), (42.0, "42 s ago"), (180.0, "3 min ago"), (7_200.0, "2 h ago"), (86_400.0, "1 day ago"),
        (345_600.0, "4 days ago"), (-180.0, "in 3 min"),
    ])
    func ago(seconds: Double, text: String) {
        #expect(ClockText.ago(now.addingTimeInterval(-seconds), now: now) == text)
    }

    @Test("both together; never for no instant")
    func describe() {
        #expect(ClockText.describe(now.addingTimeInterval(-60), now: now) == "2026-11-22 09:58:00 UTC (1 min ago)")
        #expect(ClockText.describe(nil, now: now) == "never")
    }
}
