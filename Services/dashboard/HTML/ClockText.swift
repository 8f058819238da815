import EventSchema
import Foundation

/// Instants as the pages show them: UTC clock text plus how long ago, fixed format (the pages do
/// not depend on the server's locale or time zone).
enum ClockText {
    /// "2026-12-05 14:03:12 UTC".
    static func utc(_ date: Date) -> String {
        let text = EventTimestamp(date).rfc3339  // 2026-12-05T14:03:12.123Z
        let seconds = text.prefix(19).replacingOccurrences(of: "T", with: " ")
        return seconds + " UTC"
    }

    /// "just now", "42 s ago", "3 min ago", "2 h ago", "4 days ago"; "in the future" for a clock ahead of ours.
    static func ago(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date).rounded(.down))
        switch seconds {
        case ..<(-5): return "in the future"
        case ..<5: return "just now"
        case ..<60: return "\(seconds) s ago"
        case ..<3_600: return "\(seconds / 60) min ago"
        case ..<86_400: return "\(seconds / 3_600) h ago"
        default:
            let days = seconds / 86_400
            return days == 1 ? "1 day ago" : "\(days) days ago"
        }
    }

    /// Both, for an RFC 3339 text from an API; the text itself when it does not parse.
    static func describe(_ rfc3339: String, now: Date) -> String {
        guard let date = EventTimestamp(rfc3339: rfc3339)?.date else { return rfc3339 }
        return "\(utc(date)) (\(ago(date, now: now)))"
    }
}
