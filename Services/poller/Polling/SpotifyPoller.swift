import EventSchema
import Foundation
import Logging

/// The poller's work: currently-playing polls (a `now_playing` event when the track changes)
/// and recently-played syncs (`play` events after the persisted cursor).
actor SpotifyPoller {
    enum Unavailable: Error, CustomStringConvertible {
        case authorization(AuthorizationState)
        case rateLimited(until: Date)

        var description: String {
            switch self {
            case .authorization(let state): "Spotify is not usable: \(state.rawValue)"
            case .rateLimited(let until): "Spotify asked to wait until \(EventTimestamp(until).rfc3339)"
            }
        }
    }

    /// How many pages one sync follows through `next` (50 plays each; Spotify keeps about 50).
    static let maxPagesPerSync = 20

    private let api: SpotifyAPI
    private let authorization: SpotifyAuthorization
    private let delivery: EventDelivery
    private let cursorStore: CursorStore
    private let status: PollerStatus
    private let metrics: PollerMetrics
    private let configuredUserID: String?
    private let defaultRateLimitPause: Duration
    private let logger: Logger

    private var userID: String?
    private var lastTrackID: String?
    private var pausedUntil: Date?
    private var syncing: Task<SyncReport, any Error>?

    init(api: SpotifyAPI, authorization: SpotifyAuthorization, delivery: EventDelivery, cursorStore: CursorStore,
         status: PollerStatus, metrics: PollerMetrics, configuredUserID: String?, defaultRateLimitPause: Duration = .seconds(30), logger: Logger) {
        self.api = api
        self.authorization = authorization
        self.delivery = delivery
        self.cursorStore = cursorStore
        self.status = status
        self.metrics = metrics
        self.configuredUserID = configuredUserID
        self.defaultRateLimitPause = defaultRateLimitPause
        self.logger = logger
    }

    /// Loads the persisted cursor, so `/status` shows it before the first sync.
    func restore() async {
        do {
            await status.setCursor(try cursorStore.load().after)
        } catch {
            logger.error("cannot read the recently-played cursor; the next sync starts from Spotify's latest history", metadata: ["path": "\(cursorStore.path)", "error": "\(error)"])
        }
    }

    /// One currently-playing poll. Quiet (no error) while no account is connected.
    func pollCurrentlyPlaying() async {
        guard await ready() else { return }
        metrics.poll()
        do {
            let user = try await resolveUserID()
            let current = try await api.currentlyPlaying()
            let now = Date()
            guard let current, let event = SpotifyEventMapper.nowPlaying(current, userID: user, observedAt: EventTimestamp(now)) else {
                // Nothing playing, an episode or an ad: the next track counts as a change again.
                lastTrackID = nil
                await status.polled(at: now, trackID: nil)
                return
            }
            if event.trackID != lastTrackID {
                try await delivery.enqueue([event])
                lastTrackID = event.trackID
                logger.info("now playing changed", metadata: ["track_id": "\(event.trackID)"])
                _ = await delivery.drain()
            }
            await status.polled(at: now, trackID: event.trackID)
        } catch {
            await record(error)
        }
    }

    /// A recently-played sync; concurrent callers (timer and `POST /sync`) share one run.
    func sync() async throws -> SyncReport {
        if let syncing { return try await syncing.value }
        let task = Task { try await syncNow() }
        syncing = task
        defer { syncing = nil }
        do {
            return try await task.value
        } catch {
            await record(error)
            throw error
        }
    }

    private func syncNow() async throws -> SyncReport {
        let state = await authorization.currentState()
        guard state == .authorized else { throw Unavailable.authorization(state) }
        if let pausedUntil, pausedUntil > Date() { throw Unavailable.rateLimited(until: pausedUntil) }
        metrics.sync()
        let user = try await resolveUserID()
        var position = try cursorStore.load()
        var fetched = 0
        var plays: [ListeningEvent] = []
        var newest = position.after.flatMap { Int64($0) }
        var pageURL: String?
        // All pages first, then one enqueue and one cursor write: a failure half-way fetches again
        // rather than leaving a cursor that skipped pages. Without a cursor, `next` walks back in time.
        for _ in 0..<Self.maxPagesPerSync {
            let page = try await api.recentlyPlayed(after: position.after, pageURL: pageURL)
            fetched += page.items.count
            let mapped = page.items.compactMap { SpotifyEventMapper.play($0, userID: user) }
            if mapped.count < page.items.count {
                logger.info("skipped plays that are not catalogue tracks", metadata: ["skipped": "\(page.items.count - mapped.count)"])
            }
            plays += mapped
            if let cursor = Self.newestCursor(page).flatMap({ Int64($0) }) { newest = max(newest ?? cursor, cursor) }
            guard let nextPage = page.next, !page.items.isEmpty else { break }
            pageURL = nextPage
        }
        _ = try await hand(plays, position: &position, cursor: newest.map(String.init))
        let report = await delivery.drain()
        await status.synced(at: Date(), cursor: position.after)
        return SyncReport(fetched: fetched, posted: report.posted, cursor: position.after)
    }

    /// Hands the plays not delivered before to the queue, oldest first, then persists `cursor`
    /// and their ids. Durable in the queue first, then the cursor: a crash in between fetches
    /// again, never skips. Returns the plays that were new.
    private func hand(_ plays: [ListeningEvent], position: inout CursorStore.Position, cursor: String?) async throws -> [ListeningEvent] {
        var seen = Set(position.recentPlayIDs)
        var fresh: [ListeningEvent] = []
        for play in plays.sorted(by: { $0.playedAt < $1.playedAt }) where seen.insert(play.eventIDString).inserted {
            fresh.append(play)  // oldest first, as they were played
        }
        try await delivery.enqueue(fresh)
        if cursor != position.after || !fresh.isEmpty {
            position.after = cursor
            position.recentPlayIDs += fresh.map(\.eventIDString)
            try cursorStore.save(position)
        }
        return fresh
    }

    /// `poller backfill`: the plays Spotify still holds from `since` on, whatever the cursor says,
    /// delivered unless they were delivered before. Spotify's recently-played history keeps only
    /// the last 50 plays, so the report says how far back it really reached.
    func backfill(since: Date) async throws -> BackfillReport {
        let state = await authorization.currentState()
        guard state == .authorized else { throw Unavailable.authorization(state) }
        let user = try await resolveUserID()
        var position = try cursorStore.load()
        var fetched = 0
        var plays: [ListeningEvent] = []
        var pageURL: String?
        var historyEnded = false
        for _ in 0..<Self.maxPagesPerSync {
            // No `after`: from the newest play back in time, page by page through `next` (`before`).
            let page = try await api.recentlyPlayed(after: nil, pageURL: pageURL)
            fetched += page.items.count
            plays += page.items.compactMap { SpotifyEventMapper.play($0, userID: user) }
            guard let nextPage = page.next, !page.items.isEmpty else {
                historyEnded = true
                break
            }
            if let oldest = plays.map(\.playedAt).min(), oldest.date < since { break }
            pageURL = nextPage
        }
        let inRange = plays.filter { $0.playedAt.date >= since }
        // The cursor only moves forward: a backfill of old plays must not make the next sync skip newer ones.
        let newestInRange = inRange.map { $0.playedAt.microsecondsSinceEpoch / 1_000 }.max()
        let cursor = [position.after.flatMap { Int64($0) }, newestInRange].compactMap { $0 }.max().map(String.init)
        let fresh = try await hand(inRange, position: &position, cursor: cursor)
        let report = await delivery.drain()
        return BackfillReport(
            since: since, fetched: fetched, oldest: plays.map(\.playedAt.date).min(), newest: plays.map(\.playedAt.date).max(),
            inRange: inRange.count, queued: fresh.count, alreadyDelivered: inRange.count - fresh.count, posted: report.posted,
            historyEnded: historyEnded, deliveryFailure: report.failure)
    }

    /// Spotify's `cursors.after`, or the newest `played_at` when a page leaves it out.
    static func newestCursor(_ page: SpotifyRecentlyPlayed) -> String? {
        if let after = page.cursors?.after, Int64(after) != nil { return after }
        let newest = page.items.compactMap { $0.playedAt.flatMap(EventTimestamp.init(rfc3339:)) }.max()
        return newest.map { String($0.microsecondsSinceEpoch / 1000) }
    }

    private func ready() async -> Bool {
        let state = await authorization.currentState()
        metrics.authorized(state)
        guard state == .authorized else {
            userID = nil
            await status.setUserID(nil)
            return false
        }
        if let pausedUntil {
            if pausedUntil > Date() { return false }
            self.pausedUntil = nil
            await status.setRateLimitedUntil(nil)
        }
        return true
    }

    /// `POLLER_USER_ID` when set, else the connected account's Spotify id, asked once.
    private func resolveUserID() async throws -> String {
        if let userID { return userID }
        let id: String
        if let configuredUserID { id = configuredUserID } else { id = try await api.currentUserID() }
        userID = id
        await status.setUserID(id)
        return id
    }

    private func record(_ error: any Error) async {
        switch error {
        case SpotifyAPIError.rateLimited(let endpoint, let retryAfter):
            let pause = retryAfter ?? defaultRateLimitPause
            let until = Date().addingTimeInterval(Double(pause.components.seconds) + Double(pause.components.attoseconds) / 1e18)
            pausedUntil = until
            await status.setRateLimitedUntil(until)
            await status.count("spotify_rate_limited")
            metrics.error("spotify_rate_limited")
            logger.warning("Spotify rate limit: pausing", metadata: ["endpoint": "\(endpoint)", "retry_after": "\(pause)"])
        case SpotifyAPIError.malformed:
            await status.count("spotify_malformed")
            metrics.error("spotify_malformed")
            logger.warning("skipped an unexpected Spotify answer", metadata: ["error": "\(error)"])
        case SpotifyAPIError.status(_, let code):
            let kind = code >= 500 ? "spotify_server_error" : "spotify_client_error"
            await status.count(kind)
            metrics.error(kind)
            logger.warning("Spotify request failed", metadata: ["error": "\(error)"])
        case is SpotifyAuthError, is SpotifyAuthorization.Unavailable:
            await status.count("auth")
            metrics.error("auth")
        case is Unavailable:
            break
        case is CancellationError:
            break
        case is DurableFile.WriteFailed:
            await status.count("queue_io")
            metrics.error("queue_io")
            logger.error("cannot store fetched events", metadata: ["error": "\(error)"])
        default:
            await status.count("spotify_network")
            metrics.error("spotify_network")
            logger.warning("Spotify request failed", metadata: ["error": "\(error)"])
        }
    }
}
