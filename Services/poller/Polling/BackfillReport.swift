import Foundation

/// What `poller backfill` did, and how far back Spotify's history really reached.
struct BackfillReport: Sendable {
    var since: Date
    /// Plays Spotify returned (every page).
    var fetched: Int
    var oldest: Date?
    var newest: Date?
    /// Of them, played at or after `since`.
    var inRange: Int
    /// Of those, new to this poller (handed to the queue).
    var queued: Int
    var alreadyDelivered: Int
    /// Events ingest-service took while draining the queue (earlier leftovers included).
    var posted: Int
    /// Spotify had no older page: `oldest` is as far back as its history goes.
    var historyEnded: Bool
    var deliveryFailure: String?

    /// The history reaches `since` only if a play at or before it came back.
    var coversTheRange: Bool { oldest.map { $0 <= since } ?? false }
}
