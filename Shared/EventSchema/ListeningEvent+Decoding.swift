import Foundation

extension ListeningEvent {
    /// Decodes and validates one event from its JSON bytes.
    ///
    /// - Parameter now: the reference for the "more than 24 h in the future" rule.
    public static func decode(_ bytes: UnsafeRawBufferPointer, now: Date = Date()) throws(EventValidationError) -> ListeningEvent {
        var parser = EventParser(bytes: bytes, range: 0..<bytes.count, now: now)
        return try parser.parse()
    }

    public static func decode(_ bytes: [UInt8], now: Date = Date()) throws(EventValidationError) -> ListeningEvent {
        // Array.withUnsafeBytes only rethrows untyped errors, so the typed error travels in a Result.
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(EventValidationError) in try decode(buffer, now: now) }
        }.get()
    }

    public static func decode(_ json: String, now: Date = Date()) throws(EventValidationError) -> ListeningEvent {
        try decode(Array(json.utf8), now: now)
    }

    /// Decodes one element of a request body split by `EventBatchSplitter`. Invalid-JSON errors
    /// name the line and byte offset within the whole body.
    public static func decode(
        _ element: EventBatchElement, in body: UnsafeRawBufferPointer, now: Date = Date()
    ) throws(EventValidationError) -> ListeningEvent {
        var parser = EventParser(bytes: body, range: element.range, now: now)
        return try parser.parse()
    }
}
