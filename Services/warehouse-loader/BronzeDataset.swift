/// One kind of bronze event: where its files sit in the lake and which table they load into.
enum BronzeDataset: String, Sendable, CaseIterable, Codable {
    case plays
    case skips
    case likes
    case nowPlaying = "now_playing"

    /// The lake folder under `bronze/` (SPEC "Lake layout").
    var lakeFolder: String { rawValue }

    /// The bronze table; now-playing snapshots are named for what they hold, not for the topic.
    var table: String {
        switch self {
        case .nowPlaying: "currently_playing"
        default: rawValue
        }
    }
}
