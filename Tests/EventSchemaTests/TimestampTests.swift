import EventSchema
import Testing

@Suite("RFC 3339 timestamps are parsed exactly and normalised to UTC")
struct TimestampTests {
    @Test(arguments: [
        ("2025-11-18T14:23:15Z", "2025-11-18T14:23:15Z"),
        ("2025-11-18T14:23:15.5Z", "2025-11-18T14:23:15.500Z"),
        ("2025-11-18T14:23:15.123456Z", "2025-11-18T14:23:15.123456Z"),
        ("2025-11-18T14:23:15.123456789Z", "2025-11-18T14:23:15.123456Z"),
        ("2025-11-18T16:23:15+02:00", "2025-11-18T14:23:15Z"),
        ("2025-11-18T09:53:15.250-04:30", "2025-11-18T14:23:15.250Z"),
        ("2025-11-18t14:23:15z", "2025-11-18T14:23:15Z"),
        ("2025-01-01T00:30:00+01:00", "2024-12-31T23:30:00Z"),
        ("2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z"),
        ("2016-12-31T23:59:60Z", "2017-01-01T00:00:00Z"),
        ("1969-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.999999Z"),
    ])
    func parsesAndNormalises(_ input: String, _ canonical: String) throws {
        let timestamp = try #require(EventTimestamp(rfc3339: input))
        #expect(timestamp.rfc3339 == canonical)
    }

    @Test(arguments: [
        "2025-11-18", "2025-11-18T14:23Z", "2025-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2025-11-18T14:23:15+2:00",
        "2025-11-18T14:23:15+24:00", "25-11-18T14:23:15Z", "2025-11-18T14:23:15Z ", "+2025-11-18T14:23:15Z",
    ])
    func rejects(_ input: String) {
        #expect(EventTimestamp(rfc3339: input) == nil)
    }

    @Test func microsecondsSinceEpoch() throws {
        #expect(EventTimestamp(rfc3339: "1970-01-01T00:00:01.000001Z")?.microsecondsSinceEpoch == 1_000_001)
        #expect(EventTimestamp(rfc3339: "1969-12-31T23:59:59Z")?.microsecondsSinceEpoch == -1_000_000)
    }
}
