import EventSchema
import Foundation
import Synchronization

/// Each user's current track: in Redis (`now_playing:{user_id}`, shared by replicas) and in
/// this process's memory, so now-playing keeps working while Redis is down and Redis is
/// written again by the next read once it is back.
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

    /// Compares the instants, not the strings: RFC 3339 text may differ in fractional digits.
    static func isLater(_ a: NowPlayingTrack, than b: NowPlayingTrack) -> Bool {
        guard let first = EventTimestamp(rfc3339: a.playedAt), let second = EventTimestamp(rfc3339: b.playedAt) else { return false }
        return first > second
    }

    private func store(_ track: NowPlayingTrack, userID: String) async {
        guard let data = try? JSONEncoder().encode(track) else { return }
        await cache.set(CacheKeys.nowPlaying(userID: userID), Array(data), ttl: ttl)
    }
}
