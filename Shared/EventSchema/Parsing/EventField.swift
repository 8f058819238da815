#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The JSON keys of schema version 1, in canonical output order.
enum EventField: Int, CaseIterable {
    case eventID, userID, eventType, trackID, trackName, artistName, albumName, durationMs, playedAt,
        deviceType, msPlayed, positionMs, contextType, artistID, albumID, albumImageURL, source, schemaVersion

    var name: StaticString {
        switch self {
        case .eventID: "event_id"
        case .userID: "user_id"
        case .eventType: "event_type"
        case .trackID: "track_id"
        case .trackName: "track_name"
        case .artistName: "artist_name"
        case .albumName: "album_name"
        case .durationMs: "duration_ms"
        case .playedAt: "played_at"
        case .deviceType: "device_type"
        case .msPlayed: "ms_played"
        case .positionMs: "position_ms"
        case .contextType: "context_type"
        case .artistID: "artist_id"
        case .albumID: "album_id"
        case .albumImageURL: "album_image_url"
        case .source: "source"
        case .schemaVersion: "schema_version"
        }
    }

    var nameString: String { name.description }

    var bit: UInt32 { 1 << UInt32(rawValue) }

    /// Every key's UTF-8 bytes, indexed by raw value (built once; `allCases` would allocate per call).
    private static let keys: [[UInt8]] = allCases.map { Array($0.nameString.utf8) }

    /// The field whose key is exactly `key`, or nil for an unknown (ignored) key.
    static func lookup(_ key: UnsafeRawBufferPointer) -> EventField? {
        for (index, name) in keys.enumerated() where name.count == key.count {
            let equal = name.withUnsafeBytes { memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 }
            if equal { return EventField(rawValue: index) }
        }
        return nil
    }
}
