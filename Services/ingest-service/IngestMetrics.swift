import EventSchema
import Metrics

/// The ingest-specific series on `/metrics`; request counts and latencies come from the shared
/// HTTP middleware.
struct IngestMetrics: Sendable {
    func accepted(_ type: EventType) {
        Counter(label: "ingest_events_accepted_total", dimensions: [("event_type", type.rawValue)]).increment()
    }

    func rejected(field: String) {
        Counter(label: "ingest_events_rejected_total", dimensions: [("field", field)]).increment()
    }

    func rejectedRequest(reason: String) {
        Counter(label: "ingest_requests_rejected_total", dimensions: [("reason", reason)]).increment()
    }

    /// Events whose event_id arrived earlier within the duplicate window (downstream dedupes them).
    func duplicate() {
        Counter(label: "ingest_duplicate_events_total").increment()
    }

    func kafkaFailure(records: Int) {
        Counter(label: "ingest_kafka_delivery_failures_total").increment(by: records)
    }
}
