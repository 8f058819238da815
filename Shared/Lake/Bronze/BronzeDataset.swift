import EventSchema

/// One kind of bronze event, from its Kafka topic to its lake folder and its bronze table
/// (docs/CONTRACT.md §1, §3, §4): one dataset per event type, so one per event topic.
public enum BronzeDataset: String, Sendable, CaseIterable, Codable {
    case plays
    case skips
    case likes
    case nowPlaying = "now_playing"

    /// The event type whose topic feeds it.
    public var eventType: EventType {
        switch self {
        case .plays: .play
        case .skips: .skip
        case .likes: .like
        case .nowPlaying: .nowPlaying
        }
    }

    public init(_ eventType: EventType) {
        // Every event type has its dataset: `eventType` above is a bijection (BronzeLayoutTests).
        self = Self.allCases.first { $0.eventType == eventType }!
    }

    /// The dataset of a topic; nil when `topic` is not an event topic.
    public init?(topic: String) {
        guard let type = EventType.allCases.first(where: { $0.kafkaTopic == topic }) else { return nil }
        self.init(type)
    }

    /// The Kafka topic that carries its events.
    public var topic: String { eventType.kafkaTopic }

    /// The lake folder under `bronze/`.
    public var lakeFolder: String { rawValue }

    /// The bronze table; now-playing snapshots are named for what they hold, not for the topic.
    public var table: String {
        switch self {
        case .nowPlaying: "currently_playing"
        default: rawValue
        }
    }
}
