import Foundation

/// Builds COPY rows field by field, escaping for the chosen format, and streams them to the
/// server in large chunks.
///
/// Values are encoded straight into a byte buffer (no per-value Strings); when the buffer
/// passes `chunkSize` it is handed to the connection while the next chunk is being encoded.
///
///     try await connection.copyFrom(table: "plays", columns: ["event_id", "user_id"]) { writer in
///         for play in plays {
///             writer.append(play.eventID)
///             writer.append(play.userID)
///             try await writer.endRow()
///         }
///     }
public final class PostgresCopyWriter {
    public let format: PostgresCopyFormat
    /// Rows completed with `endRow()` so far.
    public private(set) var rowCount = 0

    private let connection: PostgresConnection
    private let chunkSize: Int
    private let delimiter: UInt8
    private var buffer: [UInt8] = []
    private var fieldsInRow = 0
    private var inFlight: Task<Void, any Error>?

    init(connection: PostgresConnection, format: PostgresCopyFormat, chunkSize: Int) {
        self.connection = connection
        self.format = format
        self.chunkSize = max(chunkSize, 4096)
        delimiter = format == .text ? UInt8(ascii: "\t") : UInt8(ascii: ",")
        buffer.reserveCapacity(self.chunkSize + 64 * 1024)
    }

    // MARK: Fields

    public func appendNull() {
        startField()
        if format == .text {
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(UInt8(ascii: "N"))
        }
        // CSV: an unquoted empty field is NULL.
    }

    public func append(_ value: String) {
        startField()
        var value = value
        value.withUTF8 { appendEscaped($0) }
    }

    public func append(_ value: Substring) {
        startField()
        var value = value
        value.withUTF8 { appendEscaped($0) }
    }

    /// A string given as its UTF-8 bytes (as Parquet BYTE_ARRAY values arrive), without making a String.
    public func append(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        startField()
        appendEscaped(bytes)
    }

    public func append(_ value: Int) {
        startField()
        PostgresText.appendInteger(Int64(value), to: &buffer)
    }

    public func append(_ value: Int64) {
        startField()
        PostgresText.appendInteger(value, to: &buffer)
    }

    public func append(_ value: Double) {
        startField()
        buffer.append(contentsOf: PostgresText.double(value).utf8)
    }

    public func append(_ value: Bool) {
        startField()
        buffer.append(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    /// A timestamptz, written in UTC with microsecond precision.
    public func append(_ value: Date) {
        append(timestampMicroseconds: PostgresText.microseconds(value))
    }

    /// A timestamptz given as microseconds since 1970 UTC (Parquet's TIMESTAMP(MICROS)).
    public func append(timestampMicroseconds: Int64) {
        startField()
        PostgresText.appendTimestamp(microseconds: timestampMicroseconds, to: &buffer)
    }

    public func append(_ value: UUID) {
        startField()
        PostgresText.appendUUID(value, to: &buffer)
    }

    /// A bytea, written in hex form.
    public func append(_ value: Data) {
        startField()
        // In text format the backslash of `\x` must itself be escaped.
        if format == .text { buffer.append(UInt8(ascii: "\\")) }
        buffer.append(UInt8(ascii: "\\"))
        buffer.append(UInt8(ascii: "x"))
        value.withUnsafeBytes { PostgresText.appendHex($0, to: &buffer) }
    }

    /// Any encodable value; nil is NULL.
    public func append<Value: PostgresCopyEncodable>(_ value: Value?) {
        guard let value else { return appendNull() }
        value.append(to: self)
    }

    // MARK: Rows

    /// Ends the current row; sends a chunk to the server when enough rows are buffered.
    public func endRow() async throws {
        buffer.append(UInt8(ascii: "\n"))
        fieldsInRow = 0
        rowCount += 1
        if buffer.count >= chunkSize { try await flush() }
    }

    /// Sends everything buffered and waits until the server has taken all of it.
    func finish() async throws {
        if fieldsInRow > 0 { try await endRow() }
        if !buffer.isEmpty { try await flush() }
        try await waitForInFlight()
    }

    /// Waits for the chunk being sent, ignoring its outcome (used before aborting the COPY).
    func drain() async {
        _ = try? await inFlight?.value
        inFlight = nil
    }

    private func flush() async throws {
        let chunk = buffer
        buffer = []
        buffer.reserveCapacity(chunkSize + 64 * 1024)
        // One chunk in flight at a time: encoding the next overlaps with sending this one.
        try await waitForInFlight()
        let connection = self.connection
        inFlight = Task { try await connection.run { try $0.putCopyData(chunk) } }
    }

    private func waitForInFlight() async throws {
        defer { inFlight = nil }
        try await inFlight?.value
    }

    @inline(__always)
    private func startField() {
        if fieldsInRow > 0 { buffer.append(delimiter) }
        fieldsInRow += 1
    }

    // MARK: Escaping

    @inline(__always)
    private func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch format {
        case .text: appendTextEscaped(bytes)
        case .csv: appendCSVEscaped(bytes)
        }
    }

    /// Text format: backslash, tab, newline and carriage return become `\\`, `\t`, `\n`, `\r`;
    /// every other byte (UTF-8 included) passes through.
    private func appendTextEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var clean = true
        for byte in bytes where byte == UInt8(ascii: "\\") || (byte <= 0x0D && (byte == 0x09 || byte == 0x0A || byte == 0x0D)) {
            clean = false
            break
        }
        if clean {
            buffer.append(contentsOf: bytes)
            return
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "\\"))
            case 0x09: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "t"))
            case 0x0A: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "n"))
            case 0x0D: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "r"))
            default: buffer.append(byte)
            }
        }
    }

    /// CSV: quoted when empty (an unquoted empty field would be NULL), when it holds a comma,
    /// quote, CR or LF, or when it is `\.` (the end-of-data marker); quotes are doubled.
    private func appendCSVEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var needsQuotes = bytes.isEmpty || (bytes.count == 2 && bytes[0] == UInt8(ascii: "\\") && bytes[1] == UInt8(ascii: "."))
        if !needsQuotes {
            for byte in bytes where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
        }
        guard needsQuotes else {
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
