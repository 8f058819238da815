import CivilTime

/// RFC 3339 `date-time` parsing and canonical formatting, on bytes, without Foundation's
/// formatters (slow, locale-sensitive, and lenient in ways the schema must not be).
enum RFC3339 {
    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `t` and `z` may be lowercase (RFC 3339 §5.6).
    /// A leap second (`:60`) is accepted and lands on the next second. Fraction digits past
    /// microseconds are truncated.
    static func parse(_ text: UnsafeRawBufferPointer) -> EventTimestamp? {
        var cursor = Cursor(text: text)
        guard let year = cursor.digits(4), cursor.take(UInt8(ascii: "-")),
            let month = cursor.digits(2), cursor.take(UInt8(ascii: "-")),
            let day = cursor.digits(2), cursor.take(UInt8(ascii: "T")) || cursor.take(UInt8(ascii: "t")),
            let hour = cursor.digits(2), cursor.take(UInt8(ascii: ":")),
            let minute = cursor.digits(2), cursor.take(UInt8(ascii: ":")),
            let second = cursor.digits(2)
        else { return nil }
        guard (1...12).contains(month), (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day),
            hour <= 23, minute <= 59, second <= 60
        else { return nil }

        var micros: Int64 = 0
        if cursor.take(UInt8(ascii: ".")) {
            var count = 0
            while let digit = cursor.digits(1) {
                if count < 6 { micros = micros * 10 + Int64(digit) }
                count += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 6) { micros *= 10 }
        }

        var offsetSeconds = 0
        if !(cursor.take(UInt8(ascii: "Z")) || cursor.take(UInt8(ascii: "z"))) {
            let sign: Int
            if cursor.take(UInt8(ascii: "+")) { sign = 1 } else if cursor.take(UInt8(ascii: "-")) { sign = -1 } else { return nil }
            guard let offsetHour = cursor.digits(2), cursor.take(UInt8(ascii: ":")), let offsetMinute = cursor.digits(2),
                offsetHour <= 23, offsetMinute <= 59
            else { return nil }
            offsetSeconds = sign * (offsetHour * 3600 + offsetMinute * 60)
        }
        guard cursor.isAtEnd else { return nil }

        let days = CivilCalendar.days(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return EventTimestamp(microsecondsSinceEpoch: seconds * 1_000_000 + micros)
    }

    static func format(_ timestamp: EventTimestamp) -> String {
        let micros = timestamp.microsecondsSinceEpoch
        let (seconds, fraction) = CivilCalendar.floorDivide(micros, 1_000_000)
        let (days, secondOfDay) = CivilCalendar.floorDivide(seconds, 86_400)
        let (year, month, day) = CivilCalendar.date(days: Int(days))
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
        text += pad(Int(secondOfDay / 3600), 2) + ":" + pad(Int(secondOfDay / 60 % 60), 2) + ":" + pad(Int(secondOfDay % 60), 2)
        if fraction != 0 {
            text += fraction % 1000 == 0 ? "." + pad(Int(fraction / 1000), 3) : "." + pad(Int(fraction), 6)
        }
        return text + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Reads fixed-width digit groups and single separators.
    private struct Cursor {
        let text: UnsafeRawBufferPointer
        var position = 0

        var isAtEnd: Bool { position == text.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard position < text.count, text[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func digits(_ count: Int) -> Int? {
            guard position + count <= text.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = text[position + offset]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            position += count
            return value
        }
    }
}
