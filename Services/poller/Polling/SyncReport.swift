/// The answer of `POST /sync`: plays fetched from Spotify, events ingest-service took during
/// this sync (queued leftovers included), and the cursor now persisted (null before any play).
struct SyncReport: Encodable, Sendable {
    var fetched: Int
    var posted: Int
    var cursor: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fetched, forKey: .fetched)
        try container.encode(posted, forKey: .posted)
        try container.encode(cursor, forKey: .cursor)
    }

    private enum CodingKeys: String, CodingKey { case fetched, posted, cursor }
}
