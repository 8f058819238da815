import EventSchema
import Foundation
import ServiceRuntime

extension ClockText {
    /// `describe` for an RFC 3339 text from an API; the text itself when it does not parse.
    static func describe(_ rfc3339: String, now: Date) -> String {
        guard let date = EventTimestamp(rfc3339: rfc3339)?.date else { return rfc3339 }
        return describe(date, now: now)
    }
}
