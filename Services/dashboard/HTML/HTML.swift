import Foundation
import ServiceRuntime

/// Text helpers for the server-rendered pages: every value from the data goes through `escape`.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// 1234567 → "1,234,567" (fixed format: the pages do not depend on the server's locale).
    static func number(_ value: Int) -> String { GroupedNumber.text(value) }

    static func decimal(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "–" }
        let scaled = (abs(value) * pow(10, Double(digits))).rounded()
        let whole = Int(scaled / pow(10, Double(digits)))
        let fraction = Int(scaled) - whole * Int(pow(10, Double(digits)))
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard digits > 0 else { return sign + number(whole) }
        let fractionText = String(fraction)
        return sign + number(whole) + "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }

    static func spotifyTrackURL(_ trackID: String) -> String {
        "https://open.spotify.com/track/" + AnalyticsFilter.percentEncoded(trackID)
    }
}
