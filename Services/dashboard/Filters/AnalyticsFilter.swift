import Foundation

/// The filters every analytics page takes from its URL (`from`, `to`, `device`, `user`), so a
/// view can be shared by copying the address. Days are UTC calendar days, both ends inclusive.
struct AnalyticsFilter: Sendable, Equatable {
    /// First day shown, `YYYY-MM-DD`; nil = from the first play.
    var from: String?
    /// Last day shown, `YYYY-MM-DD`; nil = up to the latest play.
    var to: String?
    /// One of `knownDevices`; nil = every device.
    var device: String?
    var user: String?

    /// silver_plays' cleaned device types (docs/CONTRACT.md's list plus `unknown` for "not reported").
    static let knownDevices = ["desktop", "mobile", "tablet", "web", "speaker", "tv", "car", "other", "unknown"]

    init(from: String? = nil, to: String? = nil, device: String? = nil, user: String? = nil) {
        self.from = from
        self.to = to
        self.device = device
        self.user = user
    }

    /// Reads and checks the URL's filters; a bad value is an `InvalidFilter` naming the field.
    init(query: [String: String]) throws(InvalidFilter) {
        func value(_ name: String) -> String? {
            guard let raw = query[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        from = try Self.day(value("from"), field: "from")
        to = try Self.day(value("to"), field: "to")
        if let from, let to, from > to {
            throw InvalidFilter(field: "to", message: "The end date \(to) is before the start date \(from).")
        }
        device = value("device")?.lowercased()
        if let device, !Self.knownDevices.contains(device) {
            throw InvalidFilter(field: "device", message: "Unknown device type \"\(device)\"; choose one of \(Self.knownDevices.joined(separator: ", ")).")
        }
        user = value("user")
        if let user, user.count > 128 {
            throw InvalidFilter(field: "user", message: "A user id has at most 128 characters.")
        }
    }

    /// True when no filter is set: the pages can read the all-time gold aggregates directly.
    var isEmpty: Bool { from == nil && to == nil && device == nil && user == nil }
    var hasDateRange: Bool { from != nil || to != nil }

    /// `?from=...&user=...` with only the set filters (empty string when none), for links that keep the view.
    var queryString: String {
        let pairs: [(String, String?)] = [("from", from), ("to", to), ("device", device), ("user", user)]
        let set = pairs.compactMap { name, value in value.map { "\(name)=\(Self.percentEncoded($0))" } }
        return set.isEmpty ? "" : "?" + set.joined(separator: "&")
    }

    static func percentEncoded(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    private static func day(_ raw: String?, field: String) throws(InvalidFilter) -> String? {
        guard let raw else { return nil }
        let parts = raw.split(separator: "-", omittingEmptySubsequences: false)
        guard raw.count == 10, parts.count == 3,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDay.daysIn(month: month, year: year)).contains(day)
        else {
            throw InvalidFilter(field: field, message: "\"\(raw)\" is not a date; use YYYY-MM-DD, e.g. 2025-11-18.")
        }
        return raw
    }
}
