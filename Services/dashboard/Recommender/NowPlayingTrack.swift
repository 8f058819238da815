/// The track a user is playing, as recommender-api keeps it from `now_playing` events.
struct NowPlayingTrack: Sendable, Equatable, Decodable {
    var trackID: String
    var trackName: String?
    var artistName: String?
    var albumName: String?
    var albumImageURL: String?
    var deviceType: String?
    var playedAt: String?
    var receivedAt: String?

    enum CodingKeys: String, CodingKey {
        case trackID = "track_id"
        case trackName = "track_name"
        case artistName = "artist_name"
        case albumName = "album_name"
        case albumImageURL = "album_image_url"
        case deviceType = "device_type"
        case playedAt = "played_at"
        case receivedAt = "received_at"
    }
}
