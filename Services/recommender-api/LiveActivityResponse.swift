/// The body of `GET /now-playing`: every listener with a current track, the latest first.
/// Each track says whether it is still `live` or only the user's last play.
struct LiveActivityResponse: Codable, Sendable, Equatable {
    struct Listener: Codable, Sendable, Equatable {
        var userID: String
        var nowPlaying: NowPlayingTrack

        enum CodingKeys: String, CodingKey {
            case userID = "user_id", nowPlaying = "now_playing"
        }
    }

    var listeners: [Listener]
    var generatedAt: String

    enum CodingKeys: String, CodingKey {
        case listeners, generatedAt = "generated_at"
    }
}
