/// A user's current track, from their latest `now_playing` event. Stored as JSON in Redis
/// (`now_playing:{user_id}`) and in process memory.
struct NowPlayingTrack: Codable, Sendable, Equatable {
    var trackID: String
    var trackName: String?
    var artistName: String?
    var albumName: String?
    var albumImageURL: String?
    var deviceType: String?
    var playedAt: String
    var receivedAt: String

    enum CodingKeys: String, CodingKey {
        case trackID = "track_id", trackName = "track_name", artistName = "artist_name", albumName = "album_name"
        case albumImageURL = "album_image_url", deviceType = "device_type", playedAt = "played_at", receivedAt = "received_at"
    }
}

extension NowPlayingTrack {
    // Missing optional fields are written as null, so clients always see the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(trackID, forKey: .trackID)
        try container.encode(trackName, forKey: .trackName)
        try container.encode(artistName, forKey: .artistName)
        try container.encode(albumName, forKey: .albumName)
        try container.encode(albumImageURL, forKey: .albumImageURL)
        try container.encode(deviceType, forKey: .deviceType)
        try container.encode(playedAt, forKey: .playedAt)
        try container.encode(receivedAt, forKey: .receivedAt)
    }
}
