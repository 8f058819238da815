/// A Spotify Web API call that gave no usable answer.
enum SpotifyAPIError: Error, CustomStringConvertible {
    /// 429 with a `Retry-After` longer than the retry policy waits: the poller pauses instead.
    case rateLimited(endpoint: String, retryAfter: Duration?)
    /// An error status after the retries (5xx bursts that did not end, 401 after a refresh, 403, ...).
    case status(endpoint: String, status: Int)
    /// JSON that is not what Spotify documents (logged with the endpoint, then skipped).
    case malformed(endpoint: String, detail: String)

    var description: String {
        switch self {
        case .rateLimited(let endpoint, let retryAfter): "\(endpoint): rate limited (Retry-After \(retryAfter.map { "\($0)" } ?? "absent"))"
        case .status(let endpoint, let status): "\(endpoint): HTTP \(status)"
        case .malformed(let endpoint, let detail): "\(endpoint): unexpected JSON (\(detail))"
        }
    }
}
