/// One request the fake received, with the status it answered.
public struct FakeRecordedRequest: Sendable {
    public let endpoint: FakeEndpoint
    public let method: String
    /// The query string as sent, e.g. "limit=50&after=1700000000000".
    public let query: String
    public let status: Int
    public let at: ContinuousClock.Instant
    /// Parsed query parameters.
    public let parameters: [String: String]
}
