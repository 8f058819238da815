/// A forward-only JSON tokenizer over UTF-8 bytes, strict to RFC 8259.
///
/// It never builds a tree: the event parser pulls exactly the tokens it expects, and ignored
/// values are skipped (but still fully validated, because their bytes go to Kafka unchanged
/// and every downstream reader must be able to parse them). Offsets are relative to the whole
/// buffer so errors can name the position in the request body.
struct JSONReader {
    let bytes: UnsafeRawBufferPointer
    var position: Int
    let end: Int
    /// Decoded content of the last string that held escapes; reused to avoid allocating per string.
    private var scratch: [UInt8] = []
    /// Whether the last string read contained an escaped NUL (`\u0000`), which PostgreSQL text cannot store.
    private(set) var lastStringHadNUL = false

    init(bytes: UnsafeRawBufferPointer, range: Range<Int>) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    var isAtEnd: Bool { position >= end }

    /// The current byte, or nil at the end of input.
    var current: UInt8? { position < end ? bytes[position] : nil }

    mutating func skipWhitespace() {
        while position < end, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    /// Consumes `byte` or fails with "expected <what>".
    mutating func expect(_ byte: UInt8, _ what: String) throws(EventValidationError) {
        guard position < end, bytes[position] == byte else { throw unexpected(expected: what) }
        position += 1
    }

    // MARK: Strings

    /// Reads a string (the reader is on its opening quote) and hands its decoded UTF-8 content to `body`.
    mutating func readString<Value>(
        _ body: (UnsafeRawBufferPointer) throws(EventValidationError) -> Value
    ) throws(EventValidationError) -> Value {
        let opening = position
        position += 1
        let start = position
        lastStringHadNUL = false
        while true {
            guard position < end else { throw syntaxError("unterminated string", at: opening) }
            let byte = bytes[position]
            // Plain printable ASCII is nearly every byte of an event: keep it on the shortest path.
            if byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                position += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                position += 1
                return try body(UnsafeRawBufferPointer(rebasing: bytes[start..<position - 1]))
            }
            if byte == UInt8(ascii: "\\") { break }
            try advanceOverContentByte(byte)
        }
        // Slow path: the string has escapes, so its content must be decoded into `scratch`.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
        while true {
            guard position < end else { throw syntaxError("unterminated string", at: opening) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                // Array.withUnsafeBytes only rethrows untyped errors, so the typed error travels in a Result.
                return try scratch.withUnsafeBytes { content in
                    Result { () throws(EventValidationError) in try body(content) }
                }.get()
            }
            if byte == UInt8(ascii: "\\") {
                try readEscape()
            } else {
                let from = position
                try advanceOverContentByte(byte)
                scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[from..<position]))
            }
        }
    }

    /// Skips a string, validating it.
    mutating func skipString() throws(EventValidationError) {
        try readString { (_) throws(EventValidationError) in () }
    }

    /// Moves past one unescaped content character (ASCII byte or whole UTF-8 sequence), rejecting
    /// control characters and invalid UTF-8 (overlongs, surrogates, values past U+10FFFF).
    private mutating func advanceOverContentByte(_ byte: UInt8) throws(EventValidationError) {
        if byte < 0x20 {
            throw syntaxError("control character 0x\(String(byte, radix: 16)) must be escaped inside a string", at: position)
        }
        if byte < 0x80 {
            position += 1
            return
        }
        let (length, secondRange): (Int, ClosedRange<UInt8>) =
            switch byte {
            case 0xC2...0xDF: (2, 0x80...0xBF)
            case 0xE0: (3, 0xA0...0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80...0xBF)
            case 0xED: (3, 0x80...0x9F)
            case 0xF0: (4, 0x90...0xBF)
            case 0xF1...0xF3: (4, 0x80...0xBF)
            case 0xF4: (4, 0x80...0x8F)
            default: (0, 0x80...0x80)
            }
        guard length > 0, position + length <= end, secondRange.contains(bytes[position + 1]) else {
            throw syntaxError("invalid UTF-8", at: position)
        }
        for offset in 2..<length where bytes[position + offset] & 0xC0 != 0x80 {
            throw syntaxError("invalid UTF-8", at: position + offset)
        }
        position += length
    }

    /// Decodes one escape sequence (the reader is on the backslash) into `scratch`.
    private mutating func readEscape() throws(EventValidationError) {
        let escapeStart = position
        guard position + 1 < end else { throw syntaxError("unterminated string", at: position) }
        let letter = bytes[position + 1]
        position += 2
        let simple: UInt8? =
            switch letter {
            case UInt8(ascii: "\""): 0x22
            case UInt8(ascii: "\\"): 0x5C
            case UInt8(ascii: "/"): 0x2F
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            default: nil
            }
        if let simple {
            scratch.append(simple)
            return
        }
        guard letter == UInt8(ascii: "u") else { throw syntaxError("invalid escape sequence", at: escapeStart) }
        var scalar = try readHex4(escapeStart: escapeStart)
        if (0xDC00...0xDFFF).contains(scalar) {
            throw syntaxError("lone low surrogate in \\u escape", at: escapeStart)
        }
        if (0xD800...0xDBFF).contains(scalar) {
            guard position + 1 < end, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
            else { throw syntaxError("lone high surrogate in \\u escape", at: escapeStart) }
            position += 2
            let low = try readHex4(escapeStart: position - 2)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw syntaxError("high surrogate not followed by a low surrogate", at: escapeStart)
            }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        if scalar == 0 { lastStringHadNUL = true }
        appendUTF8(scalar)
    }

    private mutating func readHex4(escapeStart: Int) throws(EventValidationError) -> UInt32 {
        guard position + 4 <= end else { throw syntaxError("incomplete \\u escape", at: escapeStart) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw syntaxError("invalid hex digit in \\u escape", at: position)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case ..<0x80:
            scratch.append(UInt8(scalar))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    // MARK: Numbers and literals

    /// Scans a number token; `isInteger` is false when it has a fraction or an exponent.
    mutating func scanNumber() throws(EventValidationError) -> (range: Range<Int>, isInteger: Bool) {
        let start = position
        var isInteger = true
        if current == UInt8(ascii: "-") { position += 1 }
        if current == UInt8(ascii: "I") { throw syntaxError("NaN and Infinity are not valid JSON numbers", at: start) }
        guard let first = current, isDigit(first) else { throw syntaxError("invalid number", at: start) }
        position += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if current == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard let byte = current, isDigit(byte) else { throw syntaxError("invalid number: digits expected after '.'", at: start) }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard let byte = current, isDigit(byte) else { throw syntaxError("invalid number: digits expected in exponent", at: start) }
            skipDigits()
        }
        if let byte = current, isDigit(byte) { throw syntaxError("invalid number: leading zero", at: start) }
        return (start..<position, isInteger)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while position < end, isDigit(bytes[position]) { position += 1 }
    }

    /// Consumes `true`, `false` or `null` if one is here; returns which (nil if none matched).
    mutating func scanLiteral() throws(EventValidationError) -> JSONLiteral {
        for literal in JSONLiteral.allCases where matches(literal.text) {
            position += literal.text.utf8CodeUnitCount
            return literal
        }
        throw unexpected(expected: "a JSON value")
    }

    private func matches(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard position + count <= end else { return false }
        for offset in 0..<count where bytes[position + offset] != text.utf8Start[offset] { return false }
        return true
    }

    // MARK: Skipping whole values

    /// Validates and skips any JSON value, refusing nesting deeper than `EventLimits.maxDepth`.
    mutating func skipValue(depth: Int) throws(EventValidationError) {
        guard let byte = current else { throw unexpected(expected: "a JSON value") }
        switch byte {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < EventLimits.maxDepth else {
                throw syntaxError("nesting deeper than \(EventLimits.maxDepth) levels", at: position)
            }
            try skipContainer(isObject: byte == UInt8(ascii: "{"), depth: depth + 1)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try scanNumber()
        default:
            _ = try scanLiteral()
        }
    }

    private mutating func skipContainer(isObject: Bool, depth: Int) throws(EventValidationError) {
        let closing = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        position += 1
        skipWhitespace()
        if current == closing {
            position += 1
            return
        }
        while true {
            if isObject {
                guard current == UInt8(ascii: "\"") else { throw unexpected(expected: "a field name in double quotes") }
                try skipString()
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "':' after a field name")
                skipWhitespace()
            }
            try skipValue(depth: depth)
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
                continue
            }
            try expect(closing, isObject ? "',' or '}'" : "',' or ']'")
            return
        }
    }

    // MARK: Errors

    /// "expected X, found Y" at the current position, naming NaN/Infinity for what they are.
    func unexpected(expected: String) -> EventValidationError {
        guard let byte = current else { return syntaxError("expected \(expected), found the end of the input", at: position) }
        if byte == UInt8(ascii: "N") || byte == UInt8(ascii: "I") || (byte == UInt8(ascii: "-") && position + 1 < end && bytes[position + 1] == UInt8(ascii: "I")) {
            return syntaxError("NaN and Infinity are not valid JSON numbers", at: position)
        }
        let shown = byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        return syntaxError("expected \(expected), found \(shown)", at: position)
    }

    func syntaxError(_ detail: String, at offset: Int) -> EventValidationError {
        let location = TextLocation(of: offset, in: bytes)
        var error = EventValidationError(
            field: EventValidationError.wholeEvent, reason: .invalidJSON,
            message: "invalid JSON at line \(location.line), column \(location.column) (byte \(offset)): \(detail)",
            byteOffset: offset, line: location.line
        )
        error.syntaxDetail = detail
        return error
    }

    /// A short, printable rendering of the value at the current position, for "got ..." messages.
    func describeCurrentValue() -> String {
        guard let byte = current else { return "nothing" }
        switch byte {
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "\""):
            var stop = position + 1
            while stop < end, bytes[stop] != UInt8(ascii: "\"") {
                stop += bytes[stop] == UInt8(ascii: "\\") ? 2 : 1
            }
            return TextSnippet.quoted(UnsafeRawBufferPointer(rebasing: bytes[position + 1..<min(stop, end)]))
        default:
            var stop = position
            while stop < end, !Self.isWhitespace(bytes[stop]), bytes[stop] != UInt8(ascii: ","),
                bytes[stop] != UInt8(ascii: "}"), bytes[stop] != UInt8(ascii: "]")
            {
                stop += 1
            }
            return TextSnippet.plain(UnsafeRawBufferPointer(rebasing: bytes[position..<stop]))
        }
    }
}

enum JSONLiteral: CaseIterable {
    case `true`, `false`, null

    var text: StaticString {
        switch self {
        case .true: "true"
        case .false: "false"
        case .null: "null"
        }
    }
}
