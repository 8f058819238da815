extension Recommender {
    /// The track a user is playing, as recommender-api keeps it from `now_playing` events.
    struct NowPlayingTrack: Sendable, Equatable, Decodable {
        var trackID: String
        var trackName: String?
        var artistName: String?
        var albumName: String?
        var albumImageURL: String?
        var deviceType: String?
        var durationMs: Int?
        var playedAt: String?
        var receivedAt: String?
        /// recommender-api's judgement: false once the track's duration plus a grace period has
        /// passed since `playedAt` (then it is the listener's last play). Absent means live.
        var live: Bool?

        enum CodingKeys: String, CodingKey {
            case trackID = "track_id"
            case trackName = "track_name"
            case artistName = "artist_name"
            case albumName = "album_name"
            case albumImageURL = "album_image_url"
            case deviceType = "device_type"
            case durationMs = "duration_ms"
            case playedAt = "played_at"
            case receivedAt = "received_at"
            case live
        }
    }
}
