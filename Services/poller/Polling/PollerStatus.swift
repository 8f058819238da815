import EventSchema
import Foundation

/// What `GET /status` reports: auth state, last poll, last track, last sync, cursor, queued
/// events and error counts by kind.
actor PollerStatus {
    struct Snapshot: Encodable, Sendable {
        var authState: String
        var userID: String?
        var lastPollAt: String?
        var lastTrackID: String?
        var lastSyncAt: String?
        var cursor: String?
        var queuedEvents: Int
        var rateLimitedUntil: String?
        var errors: [String: Int]

        enum CodingKeys: String, CodingKey {
            case authState = "auth_state", userID = "user_id", lastPollAt = "last_poll_at", lastTrackID = "last_track_id"
            case lastSyncAt = "last_sync_at", cursor, queuedEvents = "queued_events", rateLimitedUntil = "rate_limited_until", errors
        }

        /// Absent values are written as null, not left out: the contract names every key.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(authState, forKey: .authState)
            try container.encode(userID, forKey: .userID)
            try container.encode(lastPollAt, forKey: .lastPollAt)
            try container.encode(lastTrackID, forKey: .lastTrackID)
            try container.encode(lastSyncAt, forKey: .lastSyncAt)
            try container.encode(cursor, forKey: .cursor)
            try container.encode(queuedEvents, forKey: .queuedEvents)
            try container.encode(rateLimitedUntil, forKey: .rateLimitedUntil)
            try container.encode(errors, forKey: .errors)
        }
    }

    private(set) var userID: String?
    private(set) var lastPollAt: Date?
    private(set) var lastTrackID: String?
    private(set) var lastSyncAt: Date?
    private(set) var cursor: String?
    private(set) var queuedEvents = 0
    private(set) var rateLimitedUntil: Date?
    private(set) var errors: [String: Int] = [:]

    func count(_ kind: String, by amount: Int = 1) { errors[kind, default: 0] += amount }
    func setQueued(_ count: Int) { queuedEvents = count }
    func setUserID(_ id: String?) { userID = id }
    func polled(at date: Date, trackID: String?) {
        lastPollAt = date
        lastTrackID = trackID
    }
    func synced(at date: Date, cursor: String?) {
        lastSyncAt = date
        self.cursor = cursor
    }
    func setCursor(_ cursor: String?) { self.cursor = cursor }
    func setRateLimitedUntil(_ date: Date?) { rateLimitedUntil = date }

    func snapshot(authState: AuthorizationState) -> Snapshot {
        Snapshot(
            authState: authState.rawValue, userID: userID, lastPollAt: lastPollAt.map(Self.format), lastTrackID: lastTrackID,
            lastSyncAt: lastSyncAt.map(Self.format), cursor: cursor, queuedEvents: queuedEvents,
            rateLimitedUntil: rateLimitedUntil.map(Self.format), errors: errors
        )
    }

    private static func format(_ date: Date) -> String { EventTimestamp(date).rfc3339 }
}
