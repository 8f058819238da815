import Foundation

/// A listening event, schema version 1 (docs/CONTRACT.md §2).
///
/// Values built by the decoder have passed every structural rule; values built in code (the
/// simulator, the poller) are trusted and encoded as given.
public struct ListeningEvent: Sendable, Hashable {
    public var eventID: UUID
    public var userID: String
    public var eventType: EventType
    public var trackID: String
    /// For play, the moment playback started; for skip, like and now_playing, the moment of that action.
    public var playedAt: EventTimestamp

    /// Required for play, optional otherwise.
    public var trackName: String?
    public var artistName: String?
    public var durationMs: Int?

    public var albumName: String?
    public var deviceType: DeviceType?
    public var msPlayed: Int?
    /// Skip: how far into the track.
    public var positionMs: Int?
    public var contextType: ContextType?
    public var artistID: String?
    public var albumID: String?
    public var albumImageURL: String?
    public var source: EventSource?
    public var schemaVersion: Int

    public init(
        eventID: UUID, userID: String, eventType: EventType, trackID: String, playedAt: EventTimestamp,
        trackName: String? = nil, artistName: String? = nil, durationMs: Int? = nil, albumName: String? = nil,
        deviceType: DeviceType? = nil, msPlayed: Int? = nil, positionMs: Int? = nil,
        contextType: ContextType? = nil, artistID: String? = nil, albumID: String? = nil,
        albumImageURL: String? = nil, source: EventSource? = nil, schemaVersion: Int = 1
    ) {
        self.eventID = eventID
        self.userID = userID
        self.eventType = eventType
        self.trackID = trackID
        self.playedAt = playedAt
        self.trackName = trackName
        self.artistName = artistName
        self.durationMs = durationMs
        self.albumName = albumName
        self.deviceType = deviceType
        self.msPlayed = msPlayed
        self.positionMs = positionMs
        self.contextType = contextType
        self.artistID = artistID
        self.albumID = albumID
        self.albumImageURL = albumImageURL
        self.source = source
        self.schemaVersion = schemaVersion
    }

    /// The event_id as written in canonical JSON and Kafka headers (lowercase).
    public var eventIDString: String { eventID.uuidString.lowercased() }
}
