import EventSchema
import Metrics

/// The ingest-specific series on `/metrics`; request counts and latencies come from the shared
/// HTTP middleware. Counters are created once: looking one up in the registry takes a lock and
/// hashes its labels, too much to do per event at 100k events/s.
struct IngestMetrics: Sendable {
    private let acceptedByType: [EventType: Counter]
    private let duplicates = Counter(label: "ingest_duplicate_events_total")
    private let kafkaFailures = Counter(label: "ingest_kafka_delivery_failures_total")

    init() {
        var acceptedByType: [EventType: Counter] = [:]
        for type in EventType.allCases {
            acceptedByType[type] = Counter(label: "ingest_events_accepted_total", dimensions: [("event_type", type.rawValue)])
        }
        self.acceptedByType = acceptedByType
    }

    func accepted(_ type: EventType, count: Int) {
        acceptedByType[type]?.increment(by: count)
    }

    /// Rejections are rarer and keyed by field, so their counters are looked up when needed.
    func rejected(field: String, count: Int) {
        Counter(label: "ingest_events_rejected_total", dimensions: [("field", field)]).increment(by: count)
    }

    func rejectedRequest(reason: String) {
        Counter(label: "ingest_requests_rejected_total", dimensions: [("reason", reason)]).increment()
    }

    /// Events whose event_id arrived earlier within the duplicate window (downstream dedupes them).
    func duplicate(count: Int) {
        duplicates.increment(by: count)
    }

    func kafkaFailure(records: Int) {
        kafkaFailures.increment(by: records)
    }
}
