import Foundation

/// An instant in UTC with microsecond precision: what bronze stores (Parquet TIMESTAMP(MICROS, UTC)).
///
/// A `Date` (a Double) would round-trip microseconds inexactly; an integer does not.
public struct EventTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let microsecondsSinceEpoch: Int64

    public init(microsecondsSinceEpoch: Int64) { self.microsecondsSinceEpoch = microsecondsSinceEpoch }

    public init(_ date: Date) {
        self.microsecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
    }

    /// Parses an RFC 3339 timestamp (any offset, any number of fractional digits; digits past
    /// microseconds are truncated). Returns nil when `text` is not RFC 3339.
    public init?(rfc3339 text: String) {
        var text = text
        guard let value = text.withUTF8({ RFC3339.parse(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = value
    }

    public var date: Date { Date(timeIntervalSince1970: Double(microsecondsSinceEpoch) / 1_000_000) }

    /// Canonical form: UTC with `Z`, fraction only when non-zero (3 digits for whole milliseconds, else 6).
    public var rfc3339: String { RFC3339.format(self) }

    public var description: String { rfc3339 }

    public static func < (lhs: EventTimestamp, rhs: EventTimestamp) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }
}
