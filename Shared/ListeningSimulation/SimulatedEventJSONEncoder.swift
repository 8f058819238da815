import EventSchema

/// Writes exactly the bytes of `ListeningEvent.canonicalJSON()` (a test compares the two on a
/// large sample), about ten times faster: it reserves the buffer once, copies strings that
/// need no escaping in one go, and formats the UUID, integers and timestamp without
/// intermediate Strings. The shared writer appends byte by byte (~4 µs an event), which alone
/// would take most of the simulator's time budget for a million events.
struct SimulatedEventJSONEncoder: Sendable {
    /// `"key":` for every field, with the leading comma for all but the first (event_id).
    private let keys: [[UInt8]]

    /// Canonical key order (docs/CONTRACT.md order, as `canonicalJSON()` writes it).
    private static let keyNames = [
        "event_id", "user_id", "event_type", "track_id", "track_name", "artist_name", "album_name",
        "duration_ms", "played_at", "device_type", "ms_played", "position_ms", "context_type",
        "artist_id", "album_id", "album_image_url", "source", "schema_version",
    ]

    init() {
        keys = Self.keyNames.enumerated().map { index, name in
            Array(((index == 0 ? "" : ",") + "\"" + name + "\":").utf8)
        }
    }

    func encode(_ event: ListeningEvent) -> [UInt8] {
        var output = Output(keys: keys)
        output.bytes.append(UInt8(ascii: "{"))
        output.key(0)
        output.uuid(event)
        output.string(1, event.userID)
        output.string(2, event.eventType.rawValue)
        output.string(3, event.trackID)
        output.string(4, event.trackName)
        output.string(5, event.artistName)
        output.string(6, event.albumName)
        output.integer(7, event.durationMs)
        output.key(8)
        output.timestamp(event.playedAt)
        output.string(9, event.deviceType?.rawValue)
        output.integer(10, event.msPlayed)
        output.integer(11, event.positionMs)
        output.string(12, event.contextType?.rawValue)
        output.string(13, event.artistID)
        output.string(14, event.albumID)
        output.string(15, event.albumImageURL)
        output.string(16, event.source?.rawValue)
        output.integer(17, event.schemaVersion)
        output.bytes.append(UInt8(ascii: "}"))
        return output.bytes
    }

    /// The buffer being written, with the primitive writers.
    private struct Output {
        let keys: [[UInt8]]
        var bytes: [UInt8] = []

        init(keys: [[UInt8]]) {
            self.keys = keys
            // Simulated events are 350–500 bytes; one allocation covers them.
            bytes.reserveCapacity(640)
        }

        mutating func key(_ index: Int) { bytes.append(contentsOf: keys[index]) }

        mutating func string(_ index: Int, _ value: String?) {
            guard let value else { return }
            key(index)
            bytes.append(UInt8(ascii: "\""))
            let copied = value.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
                guard !utf8.contains(where: Self.needsEscaping) else { return false }
                bytes.append(contentsOf: utf8)
                return true
            }
            if copied != true { escaped(value) }
            bytes.append(UInt8(ascii: "\""))
        }

        mutating func integer(_ index: Int, _ value: Int?) {
            guard let value else { return }
            key(index)
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            decimal(value.magnitude)
        }

        /// Lowercase 8-4-4-4-12 hex, as `eventIDString`.
        mutating func uuid(_ event: ListeningEvent) {
            bytes.append(UInt8(ascii: "\""))
            withUnsafeBytes(of: event.eventID.uuid) { raw in
                for (index, byte) in raw.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 { bytes.append(UInt8(ascii: "-")) }
                    bytes.append(Self.hexDigit(byte >> 4))
                    bytes.append(Self.hexDigit(byte & 0x0F))
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }

        /// `YYYY-MM-DDTHH:MM:SS[.mmm|.uuuuuu]Z`, as `EventTimestamp.rfc3339`.
        mutating func timestamp(_ timestamp: EventTimestamp) {
            let civil = SimulatorCivilTime(timestamp)
            guard (1000...9999).contains(civil.year) else {
                // Years the fixed-width fast path cannot write: defer to the shared formatter.
                bytes.append(UInt8(ascii: "\""))
                bytes.append(contentsOf: timestamp.rfc3339.utf8)
                bytes.append(UInt8(ascii: "\""))
                return
            }
            bytes.append(UInt8(ascii: "\""))
            digits(civil.year, width: 4)
            bytes.append(UInt8(ascii: "-"))
            digits(civil.month, width: 2)
            bytes.append(UInt8(ascii: "-"))
            digits(civil.day, width: 2)
            bytes.append(UInt8(ascii: "T"))
            digits(civil.hour, width: 2)
            bytes.append(UInt8(ascii: ":"))
            digits(civil.minute, width: 2)
            bytes.append(UInt8(ascii: ":"))
            digits(civil.second, width: 2)
            if civil.microsecond != 0 {
                bytes.append(UInt8(ascii: "."))
                if civil.microsecond % 1000 == 0 {
                    digits(civil.microsecond / 1000, width: 3)
                } else {
                    digits(civil.microsecond, width: 6)
                }
            }
            bytes.append(contentsOf: [UInt8(ascii: "Z"), UInt8(ascii: "\"")])
        }

        private mutating func decimal(_ value: UInt) {
            var divisor: UInt = 1
            while divisor <= value / 10 { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }

        private mutating func digits(_ value: Int, width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }

        /// The shared writer's escaping rules: quote, backslash and control characters only.
        private mutating func escaped(_ value: String) {
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case ..<0x20:
                    bytes.append(contentsOf: Array("\\u00".utf8))
                    bytes.append(Self.hexDigit(byte >> 4))
                    bytes.append(Self.hexDigit(byte & 0x0F))
                default: bytes.append(byte)
                }
            }
        }

        private static func needsEscaping(_ byte: UInt8) -> Bool {
            byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
        }

        private static func hexDigit(_ nibble: UInt8) -> UInt8 {
            nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
        }
    }
}
