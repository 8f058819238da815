import Metrics

/// The poller's series on `/metrics` (request counts and latencies of its own HTTP API come
/// from the shared middleware).
struct PollerMetrics: Sendable {
    private let polls = Counter(label: "poller_polls_total")
    private let syncs = Counter(label: "poller_syncs_total")
    private let queued = Gauge(label: "poller_queued_events")
    private let authRefreshFailures = Counter(label: "poller_token_refresh_failures_total")

    /// `status` nil: no HTTP answer (network error or timeout).
    func spotifyResponse(endpoint: String, status: Int?) {
        Counter(label: "poller_spotify_responses_total", dimensions: [("endpoint", endpoint), ("status", status.map(String.init) ?? "none")]).increment()
    }

    func poll() { polls.increment() }
    func sync() { syncs.increment() }
    func queuedEvents(_ count: Int) { queued.record(count) }
    func refreshFailure() { authRefreshFailures.increment() }

    func posted(_ count: Int) {
        Counter(label: "poller_events_posted_total").increment(by: count)
    }

    /// Events that never reach ingest-service: refused by its validation or dropped because the
    /// queue was full.
    func dropped(_ count: Int, reason: String) {
        Counter(label: "poller_events_dropped_total", dimensions: [("reason", reason)]).increment(by: count)
    }

    func error(_ kind: String) {
        Counter(label: "poller_errors_total", dimensions: [("kind", kind)]).increment()
    }

    func authorized(_ state: AuthorizationState) {
        for candidate in [AuthorizationState.authorized, .notAuthorized, .reauthorizationRequired] {
            Gauge(label: "poller_auth_state", dimensions: [("state", candidate.rawValue)]).record(candidate == state ? 1 : 0)
        }
    }
}
