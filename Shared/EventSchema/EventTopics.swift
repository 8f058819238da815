/// The platform's Kafka topics (docs/CONTRACT.md §1), in one place for every service.
public enum EventTopics {
    /// Rejected input and poison records, with their reason in the headers.
    public static let deadLetter = "events_dlq"

    /// The topics events flow through, one per event type.
    public static var eventTopics: [String] { EventType.allCases.map(\.kafkaTopic) }

    /// Every topic a stack needs, created explicitly at start-up (Tansu does not auto-create).
    public static var all: [String] { eventTopics + [deadLetter] }

    /// Header names of event records.
    public enum Header {
        public static let eventType = "event_type"
        public static let schemaVersion = "schema_version"
    }
}
