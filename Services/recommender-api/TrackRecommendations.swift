/// The body of `GET /recommendations/{track_id}` minus `cache_hit`: this is what is cached,
/// and `cache_hit` is appended when it is served.
struct TrackRecommendations: Codable, Sendable, Equatable {
    var trackID: String
    var trackName: String
    var artistName: String
    var recommendations: [RecommendationItem]
    var generatedAt: String

    enum CodingKeys: String, CodingKey {
        case trackID = "track_id", trackName = "track_name", artistName = "artist_name"
        case recommendations, generatedAt = "generated_at"
    }
}
