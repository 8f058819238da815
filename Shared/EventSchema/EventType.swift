/// What the listener did. Unknown values are structural errors: they decide the Kafka topic.
public enum EventType: String, Sendable, Hashable, CaseIterable {
    case play
    case skip
    case like
    case nowPlaying = "now_playing"

    /// The Kafka topic (docs/CONTRACT.md §1) that carries events of this type.
    public var kafkaTopic: String {
        switch self {
        case .play: "user_plays"
        case .skip: "user_skips"
        case .like: "user_likes"
        case .nowPlaying: "now_playing"
        }
    }
}
