/// A request body whose framing (the array around the events) cannot be split into events.
/// Nothing in such a body can be trusted, so the whole request is rejected.
public struct EventFramingError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    /// 1-based line and column, and the 0-based byte offset, where splitting stopped.
    public let line: Int
    public let column: Int
    public let byteOffset: Int

    public init(message: String, line: Int, column: Int, byteOffset: Int) {
        self.message = message
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }

    public var description: String { "line \(line), column \(column) (byte \(byteOffset)): \(message)" }
}
