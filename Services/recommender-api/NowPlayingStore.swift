import EventSchema
import Foundation
import Synchronization

/// Each user's current track: in Redis (`now_playing:{user_id}`, shared by replicas) and in
/// this process's memory, so now-playing keeps working while Redis is down and Redis is
/// written again by the next read once it is back.
///
/// Live activity (every listener, newest first) reads a Redis sorted set of user ids scored by
/// `played_at` (`CacheKeys.recentListeners`), so every replica sees the users whose events
/// another replica consumed; without Redis it falls back to this process's own entries.
final class NowPlayingStore: Sendable {
    private struct Entry {
        var track: NowPlayingTrack
        var expiresAt: ContinuousClock.Instant
    }

    private let cache: RecommendationCache
    private let ttl: Duration
    private let memory = Mutex<[String: Entry]>([:])
    /// Above this many users, expired entries are swept on insert (memory stays bounded by the
    /// number of users active within one TTL).
    private let sweepThreshold = 10_000
    /// Users kept in the recent-listeners set: far more than a page shows.
    static let recentListenersKept = 1_000

    init(cache: RecommendationCache, ttl: Duration) {
        self.cache = cache
        self.ttl = ttl
    }

    /// Keeps `track` unless the user already has a later one (events can arrive out of order).
    func record(_ track: NowPlayingTrack, userID: String) async {
        let now = ContinuousClock.now
        let kept = memory.withLock { entries -> Bool in
            if let existing = entries[userID], existing.expiresAt > now, Self.isLater(existing.track, than: track) {
                return false
            }
            if entries.count >= sweepThreshold { entries = entries.filter { $0.value.expiresAt > now } }
            entries[userID] = Entry(track: track, expiresAt: now + ttl)
            return true
        }
        if kept { await store(track, userID: userID) }
    }

    /// The user's current track, or nil when nothing was playing within the TTL.
    func current(userID: String) async -> NowPlayingTrack? {
        let now = ContinuousClock.now
        let local = memory.withLock { entries in entries[userID].flatMap { $0.expiresAt > now ? $0.track : nil } }
        let shared = await cache.get(CacheKeys.nowPlaying(userID: userID))
            .flatMap { try? JSONDecoder().decode(NowPlayingTrack.self, from: Data($0)) }
        switch (shared, local) {
        case let (shared?, local?) where Self.isLater(local, than: shared):
            // Redis missed this update (it was down): repair it.
            await store(local, userID: userID)
            return local
        case let (shared?, _):
            return shared
        case let (nil, local?):
            await store(local, userID: userID)
            return local
        case (nil, nil):
            return nil
        }
    }

    /// Up to `limit` users with a current track, the latest `played_at` first.
    func recent(limit: Int) async -> [(userID: String, track: NowPlayingTrack)] {
        let now = ContinuousClock.now
        var latest = memory.withLock { entries in
            entries.compactMapValues { $0.expiresAt > now ? $0.track : nil }
        }
        // Ask for more ids than needed: a member can outlive its user's now_playing key.
        if let users = await cache.topRanked(CacheKeys.recentListeners, count: limit * 2),
           let values = await cache.getMany(users.map(CacheKeys.nowPlaying(userID:))) {
            for (user, value) in zip(users, values) {
                guard let value, let shared = try? JSONDecoder().decode(NowPlayingTrack.self, from: Data(value)) else { continue }
                if let local = latest[user], Self.isLater(local, than: shared) { continue }
                latest[user] = shared
            }
        }
        // Each played_at parsed once, not once per comparison.
        let ordered = latest.map { (userID: $0.key, track: $0.value, at: EventTimestamp(rfc3339: $0.value.playedAt)) }
            .sorted { ($0.at ?? .init(microsecondsSinceEpoch: .min), $1.userID) > ($1.at ?? .init(microsecondsSinceEpoch: .min), $0.userID) }
        return ordered.prefix(limit).map { (userID: $0.userID, track: $0.track) }
    }

    /// Compares the instants, not the strings: RFC 3339 text may differ in fractional digits.
    static func isLater(_ a: NowPlayingTrack, than b: NowPlayingTrack) -> Bool {
        guard let first = EventTimestamp(rfc3339: a.playedAt), let second = EventTimestamp(rfc3339: b.playedAt) else { return false }
        return first > second
    }

    private func store(_ track: NowPlayingTrack, userID: String) async {
        guard let data = try? JSONEncoder().encode(track) else { return }
        await cache.set(CacheKeys.nowPlaying(userID: userID), Array(data), ttl: ttl)
        guard let playedAt = EventTimestamp(rfc3339: track.playedAt) else { return }
        let score = Int(playedAt.microsecondsSinceEpoch / 1_000)
        let expired = Int(EventTimestamp(Date()).microsecondsSinceEpoch / 1_000) - Int(ttl.components.seconds) * 1_000
        await cache.rank(userID, score: score, in: CacheKeys.recentListeners, minScore: expired,
                         keep: Self.recentListenersKept, ttl: ttl)
    }
}
