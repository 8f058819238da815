/// Splits a request body into its events' byte ranges without decoding them, so the ingest
/// service can validate each one and forward its original bytes unchanged.
///
/// Array framing has to tokenize the whole body to find element boundaries, so a syntax error
/// anywhere inside it is a framing error. NDJSON framing only looks for line breaks: a broken
/// line is that event's own error, reported when the element is decoded.
public enum EventBatchSplitter {
    public static func split(
        _ body: UnsafeRawBufferPointer, framing: EventBatchFraming
    ) throws(EventFramingError) -> [EventBatchElement] {
        switch framing {
        case .single: try single(body)
        case .array: try array(body)
        case .ndjson: try ndjson(body)
        }
    }

    public static func split(_ body: [UInt8], framing: EventBatchFraming) throws(EventFramingError) -> [EventBatchElement] {
        // Array.withUnsafeBytes only rethrows untyped errors, so the typed error travels in a Result.
        try body.withUnsafeBytes { buffer in
            Result { () throws(EventFramingError) in try split(buffer, framing: framing) }
        }.get()
    }

    private static func single(_ body: UnsafeRawBufferPointer) throws(EventFramingError) -> [EventBatchElement] {
        var start = 0
        var end = body.count
        while start < end, JSONReader.isWhitespace(body[start]) { start += 1 }
        while end > start, JSONReader.isWhitespace(body[end - 1]) { end -= 1 }
        guard start < end else { throw framingError("the body is empty", at: 0, in: body) }
        return [EventBatchElement(index: 0, range: start..<end, line: TextLocation(of: start, in: body).line)]
    }

    private static func ndjson(_ body: UnsafeRawBufferPointer) throws(EventFramingError) -> [EventBatchElement] {
        var elements: [EventBatchElement] = []
        var lineStart = 0
        var lineNumber = 1
        while lineStart <= body.count {
            var lineEnd = lineStart
            while lineEnd < body.count, body[lineEnd] != 0x0A { lineEnd += 1 }
            var start = lineStart
            var end = lineEnd
            while start < end, JSONReader.isWhitespace(body[start]) { start += 1 }
            while end > start, JSONReader.isWhitespace(body[end - 1]) { end -= 1 }
            if start < end {
                elements.append(EventBatchElement(index: elements.count, range: start..<end, line: lineNumber))
            }
            lineStart = lineEnd + 1
            lineNumber += 1
        }
        guard !elements.isEmpty else { throw framingError("the body holds no events", at: 0, in: body) }
        return elements
    }

    private static func array(_ body: UnsafeRawBufferPointer) throws(EventFramingError) -> [EventBatchElement] {
        var reader = JSONReader(bytes: body, range: 0..<body.count)
        var elements: [EventBatchElement] = []
        var line = 1
        var counted = 0
        do throws(EventValidationError) {
            reader.skipWhitespace()
            try reader.expect(UInt8(ascii: "["), "'[' opening an array of events")
            reader.skipWhitespace()
            if reader.current == UInt8(ascii: "]") {
                reader.position += 1
            } else {
                while true {
                    let start = reader.position
                    try reader.skipValue(depth: 1)
                    // Lines are counted incrementally so the whole split stays linear.
                    for index in counted..<start where body[index] == 0x0A { line += 1 }
                    counted = start
                    elements.append(EventBatchElement(index: elements.count, range: start..<reader.position, line: line))
                    reader.skipWhitespace()
                    if reader.current == UInt8(ascii: ",") {
                        reader.position += 1
                        reader.skipWhitespace()
                        continue
                    }
                    try reader.expect(UInt8(ascii: "]"), "',' or ']' after an event")
                    break
                }
            }
            reader.skipWhitespace()
            guard reader.isAtEnd else { throw reader.syntaxError("unexpected data after the array", at: reader.position) }
        } catch {
            let offset = error.byteOffset ?? reader.position
            throw framingError("invalid JSON: " + (error.syntaxDetail ?? error.message), at: offset, in: body)
        }
        return elements
    }

    private static func framingError(_ message: String, at offset: Int, in body: UnsafeRawBufferPointer) -> EventFramingError {
        let location = TextLocation(of: offset, in: body)
        return EventFramingError(message: message, line: location.line, column: location.column, byteOffset: offset)
    }
}
