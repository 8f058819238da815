/// `GET /now-playing` of recommender-api: every listener with a current track, newest first.
struct LiveActivity: Sendable, Equatable, Decodable {
    struct Listener: Sendable, Equatable, Decodable {
        var userID: String
        var nowPlaying: Recommender.NowPlayingTrack

        enum CodingKeys: String, CodingKey {
            case userID = "user_id"
            case nowPlaying = "now_playing"
        }
    }

    var listeners: [Listener]
    var generatedAt: String?

    enum CodingKeys: String, CodingKey {
        case listeners
        case generatedAt = "generated_at"
    }
}
