import CivilTime
import Foundation

/// Byte-level formatting and parsing of PostgreSQL's text representations.
///
/// Hand-written rather than via DateFormatter/String(format:) because COPY formats millions of
/// values: these append straight into a byte buffer without allocating.
enum PostgresText {
    static let microsecondsPerDay: Int64 = 86_400_000_000

    static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    static func date(microseconds: Int64) -> Date {
        // Split so whole seconds stay exact in the Double.
        let seconds = microseconds.dividedRoundingDown(by: 1_000_000)
        let micros = microseconds - seconds * 1_000_000
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }

    static func double(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return value.description
    }

    // MARK: Formatting

    @inline(__always)
    static func appendDigits(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(truncatingIfNeeded: 48 + (rest / divisor) % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    @inline(__always)
    static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var index = 20
            repeat {
                index -= 1
                digits[index] = UInt8(truncatingIfNeeded: 48 + magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[index..<20]))
        }
    }

    /// `YYYY-MM-DD HH:MM:SS.ffffff+00`, which timestamptz input accepts under any DateStyle.
    static func appendTimestamp(microseconds: Int64, to bytes: inout [UInt8]) {
        let days = microseconds.dividedRoundingDown(by: microsecondsPerDay)
        let inDay = microseconds - days * microsecondsPerDay
        let (year, month, day) = CivilCalendar.date(days: Int(days))
        if year > 9999 { appendInteger(Int64(year), to: &bytes) } else { appendDigits(year, width: 4, to: &bytes) }
        bytes.append(UInt8(ascii: "-"))
        appendDigits(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        let seconds = Int(inDay / 1_000_000)
        appendDigits(seconds / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(seconds / 60 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(seconds % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        appendDigits(Int(inDay % 1_000_000), width: 6, to: &bytes)
        bytes.append(UInt8(ascii: "+"))
        bytes.append(UInt8(ascii: "0"))
        bytes.append(UInt8(ascii: "0"))
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendUUID(_ uuid: UUID, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: uuid.uuid) { raw in
            for (index, byte) in raw.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { bytes.append(UInt8(ascii: "-")) }
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0F)])
            }
        }
    }

    static func appendHex(_ raw: UnsafeRawBufferPointer, to bytes: inout [UInt8]) {
        for byte in raw {
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0x0F)])
        }
    }

    // MARK: Parsing

    /// Parses the ISO output of date, timestamp and timestamptz (the session uses DateStyle ISO):
    /// `2025-11-18`, `2025-11-18 14:23:15.123456`, `... +05:30`, `infinity`. Returns microseconds
    /// since 1970 UTC (a timestamp without zone is read as UTC).
    static func parseTimestamp(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        if text.elementsEqual("infinity".utf8) { return Int64.max }
        if text.elementsEqual("-infinity".utf8) { return Int64.min }
        var cursor = Cursor(bytes: text)
        guard let year = cursor.number(minDigits: 4, maxDigits: 6), cursor.take(UInt8(ascii: "-")),
              let month = cursor.number(minDigits: 2, maxDigits: 2), cursor.take(UInt8(ascii: "-")),
              let day = cursor.number(minDigits: 2, maxDigits: 2)
        else { return nil }
        var micros = Int64(CivilCalendar.days(year: year, month: month, day: day)) * microsecondsPerDay
        if cursor.atEnd { return micros }
        guard cursor.take(UInt8(ascii: " ")) || cursor.take(UInt8(ascii: "T")),
              let hour = cursor.number(minDigits: 2, maxDigits: 2), cursor.take(UInt8(ascii: ":")),
              let minute = cursor.number(minDigits: 2, maxDigits: 2), cursor.take(UInt8(ascii: ":")),
              let second = cursor.number(minDigits: 2, maxDigits: 2)
        else { return nil }
        micros += Int64(hour * 3600 + minute * 60 + second) * 1_000_000
        if cursor.take(UInt8(ascii: ".")) {
            var scale: Int64 = 100_000
            var digits = 0
            while let digit = cursor.digit() {
                micros += Int64(digit) * scale
                scale /= 10
                digits += 1
            }
            if digits == 0 { return nil }
        }
        if cursor.atEnd { return micros }
        let sign: Int64
        if cursor.take(UInt8(ascii: "+")) { sign = 1 } else if cursor.take(UInt8(ascii: "-")) { sign = -1 } else { return nil }
        guard let offsetHours = cursor.number(minDigits: 2, maxDigits: 2) else { return nil }
        var offsetSeconds = offsetHours * 3600
        if cursor.take(UInt8(ascii: ":")), let minutes = cursor.number(minDigits: 2, maxDigits: 2) {
            offsetSeconds += minutes * 60
            if cursor.take(UInt8(ascii: ":")), let seconds = cursor.number(minDigits: 2, maxDigits: 2) {
                offsetSeconds += seconds
            }
        }
        guard cursor.atEnd else { return nil }
        return micros - sign * Int64(offsetSeconds) * 1_000_000
    }

    /// bytea's hex output: `\x0a1b...`.
    static func parseByteaHex(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard text.count >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x"), text.count % 2 == 0 else {
            return nil
        }
        var result: [UInt8] = []
        result.reserveCapacity((text.count - 2) / 2)
        var index = 2
        while index < text.count {
            guard let high = hexValue(text[index]), let low = hexValue(text[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func digit() -> Int? {
            guard index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 else { return nil }
            defer { index += 1 }
            return Int(bytes[index] - 48)
        }

        mutating func number(minDigits: Int, maxDigits: Int) -> Int? {
            var value = 0
            var count = 0
            while count < maxDigits, let digit = digit() {
                value = value * 10 + digit
                count += 1
            }
            return count >= minDigits ? value : nil
        }
    }
}

extension Int64 {
    func dividedRoundingDown(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
