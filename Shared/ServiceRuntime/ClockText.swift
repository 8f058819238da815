import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Instants as people read them, the same in every service and command: UTC clock text and how
/// long ago (or ahead), fixed format (no locale, no time zone of the server).
public enum ClockText {
    /// "2026-12-05 14:03:12 UTC".
    public static func utc(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d UTC", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// "just now", "42 s ago", "3 min ago", "2 h ago", "4 days ago"; "in 3 min" for an instant ahead.
    public static func ago(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date).rounded(.down))
        if abs(seconds) < 5 { return "just now" }
        let magnitude = abs(seconds)
        let span: String = switch magnitude {
        case ..<60: "\(magnitude) s"
        case ..<3_600: "\(magnitude / 60) min"
        case ..<86_400: "\(magnitude / 3_600) h"
        default: magnitude / 86_400 == 1 ? "1 day" : "\(magnitude / 86_400) days"
        }
        return seconds < 0 ? "in \(span)" : "\(span) ago"
    }

    /// "2026-12-05 14:03:12 UTC (3 min ago)"; "never" for nil.
    public static func describe(_ date: Date?, now: Date = Date()) -> String {
        guard let date else { return "never" }
        return "\(utc(date)) (\(ago(date, now: now)))"
    }
}
