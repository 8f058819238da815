/// An answer from ingest-service other than a per-event one: the request as a whole was refused
/// (401/403 for a wrong token, 413 too large, 400 unreadable NDJSON) or not served (5xx once
/// retries are spent).
public struct IngestRefusal: Error, CustomStringConvertible, Equatable {
    public let status: Int
    public let body: String

    public init(status: Int, body: String) {
        self.status = status
        self.body = body
    }

    /// The same request can never be taken (unreadable or too large): sending it again is pointless.
    /// A wrong token, a 5xx or a 429 may pass later.
    public var isPermanent: Bool { status == 400 || status == 413 }

    public var description: String { "ingest-service answered \(status): \(body.prefix(500))" }
}
