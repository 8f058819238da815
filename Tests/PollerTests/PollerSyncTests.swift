import FakeSpotify
import Foundation
import Testing

@testable import Poller

/// Recently-played syncs: cursor paging, the persisted cursor across restarts, plays fetched
/// twice, and the on-disk queue while ingest-service is down.
@Suite("poller recently-played sync and delivery", .serialized, .timeLimit(.minutes(2)))
struct PollerSyncTests {
    @Test("a sync follows `next` through every page, posts each play once as a play event, and persists the cursor")
    func pagesAndCursor() async throws {
        let spotify = try await FakeSpotify.start()
        let ingest = try await CapturingIngest.start()
        let harness = try PollerHarness(spotify: spotify, ingestURL: ingest.url)
        try harness.connectAccount()
        let plays = PollerFixtures.plays(120)
        spotify.addPlays(plays)

        let report = try await harness.parts.poller.sync()
        #expect(report.fetched == 120)
        #expect(report.posted == 120)
        let newest = String(plays.map(\.playedAtMilliseconds).max()!)
        #expect(report.cursor == newest)
        #expect(spotify.requests(to: .recentlyPlayed).count == 3)  // 50 + 50 + 20
        #expect(spotify.requests(to: .recentlyPlayed).allSatisfy { $0.parameters["limit"] == "50" })
        let events = ingest.events
        #expect(events.count == 120)
        #expect(Set(events.compactMap { $0["event_id"] as? String }).count == 120)
        #expect(events.allSatisfy { $0["event_type"] as? String == "play" && $0["source"] as? String == "spotify_recently_played" })
        // Oldest first, as they were played.
        let times = events.compactMap { $0["played_at"] as? String }
        #expect(times == times.sorted())
        #expect(try harness.fileMode(harness.configuration.cursorFile) == 0o600)

        // Nothing new: nothing fetched, nothing posted.
        let again = try await harness.parts.poller.sync()
        #expect(again.fetched == 0 && again.posted == 0 && again.cursor == newest)
        #expect(spotify.requests(to: .recentlyPlayed).last?.parameters["after"] == newest)

        // A restart (new components, same files) continues after the persisted cursor.
        spotify.addPlays(PollerFixtures.plays(3, endingMinutesAgo: 1, spacing: 30, firstTrack: 100))
        let restarted = try PollerHarness(spotify: spotify, ingestURL: ingest.url, folder: harness.folder)
        let afterRestart = try await restarted.parts.poller.sync()
        #expect(afterRestart.fetched == 3 && afterRestart.posted == 3)
        #expect(spotify.requests(to: .recentlyPlayed).suffix(1).first?.parameters["after"] == newest)
        #expect(ingest.events.count == 123)
        await spotify.stop()
        await ingest.stop()
    }

    @Test("plays fetched twice (the cursor moved back) are not posted again; a lost cursor reposts the same event_ids")
    func fetchedTwice() async throws {
        let spotify = try await FakeSpotify.start()
        let ingest = try await CapturingIngest.start()
        let harness = try PollerHarness(spotify: spotify, ingestURL: ingest.url)
        try harness.connectAccount()
        spotify.addPlays(PollerFixtures.plays(30))
        _ = try await harness.parts.poller.sync()
        let firstIDs = ingest.events.compactMap { $0["event_id"] as? String }
        #expect(firstIDs.count == 30)

        // Spotify hands back plays already taken (an older cursor): fetched again, posted once.
        let store = CursorStore(path: harness.configuration.cursorFile)
        var position = try store.load()
        position.after = "0"
        try store.save(position)
        let second = try await harness.parts.poller.sync()
        #expect(second.fetched == 30)
        #expect(second.posted == 0)
        #expect(ingest.events.count == 30)

        // Even without any memory of them, the ids are the same (downstream dedupes on event_id).
        try FileManager.default.removeItem(atPath: harness.configuration.cursorFile)
        _ = try await harness.parts.poller.sync()
        let reposted = ingest.events.suffix(30).compactMap { $0["event_id"] as? String }
        #expect(Set(reposted) == Set(firstIDs))
        await spotify.stop()
        await ingest.stop()
    }

    @Test("ingest-service down: events wait in the on-disk queue (restart included) and all arrive once it is back")
    func ingestDownThenBack() async throws {
        let spotify = try await FakeSpotify.start()
        let ingest = try await CapturingIngest.start()
        let harness = try PollerHarness(spotify: spotify, ingestURL: ingest.url, extra: ["POLLER_RETRY_ATTEMPTS": "1"])
        try harness.connectAccount()
        spotify.addPlays(PollerFixtures.plays(40))
        spotify.setPlayback(.track(.sample(77)))

        ingest.setDown(true)
        let report = try await harness.parts.poller.sync()
        await harness.parts.poller.pollCurrentlyPlaying()
        #expect(report.fetched == 40 && report.posted == 0)
        #expect(ingest.events.isEmpty)
        let queued = await harness.parts.delivery.queuedEvents
        #expect(queued == 41)
        let status = await harness.parts.status.snapshot(authState: .authorized)
        #expect(status.queuedEvents == 41)
        #expect((status.errors["ingest_unavailable"] ?? 0) >= 1)

        // A restart while ingest-service is still down keeps the queue; back up, all arrive.
        let restarted = try PollerHarness(spotify: spotify, ingestURL: ingest.url, folder: harness.folder)
        ingest.setDown(false)
        let drained = await restarted.parts.delivery.drain()
        #expect(drained.posted == 41)
        #expect(drained.failure == nil)
        let events = ingest.events
        #expect(events.count == 41)
        #expect(Set(events.compactMap { $0["event_id"] as? String }).count == 41)
        #expect(events.filter { $0["event_type"] as? String == "now_playing" }.count == 1)
        #expect(await restarted.parts.delivery.queuedEvents == 0)
        await spotify.stop()
        await ingest.stop()
    }

    @Test("nothing listening at INGEST_URL counts as down too, and INGEST_TOKEN is sent when set")
    func ingestUnreachable() async throws {
        let spotify = try await FakeSpotify.start()
        let dead = try PollerHarness(spotify: spotify, ingestURL: "http://127.0.0.1:1", extra: ["POLLER_RETRY_ATTEMPTS": "1"])
        try dead.connectAccount()
        spotify.addPlays(PollerFixtures.plays(5))
        let report = try await dead.parts.poller.sync()
        #expect(report.posted == 0)
        #expect(await dead.parts.delivery.queuedEvents == 5)

        let ingest = try await CapturingIngest.start()
        let live = try PollerHarness(spotify: spotify, ingestURL: ingest.url, folder: dead.folder, extra: ["INGEST_TOKEN": "ingest-secret-token"])
        #expect(await live.parts.delivery.drain().posted == 5)
        #expect(ingest.authorizationHeaders.allSatisfy { $0 == "Bearer ingest-secret-token" })
        await spotify.stop()
        await ingest.stop()
    }

    @Test("the queue is bounded: beyond POLLER_QUEUE_MAX_EVENTS the oldest batches are dropped and counted")
    func boundedQueue() async throws {
        let spotify = try await FakeSpotify.start()
        let harness = try PollerHarness(spotify: spotify, ingestURL: "http://127.0.0.1:1",
                                        extra: ["POLLER_RETRY_ATTEMPTS": "1", "POLLER_QUEUE_MAX_EVENTS": "100"])
        try harness.connectAccount()
        spotify.addPlays(PollerFixtures.plays(150))
        _ = try await harness.parts.poller.sync()
        let queued = await harness.parts.delivery.queuedEvents
        #expect(queued <= 100 && queued >= 50)
        let dropped = await harness.parts.status.snapshot(authState: .authorized).errors["queue_dropped_events"] ?? 0
        #expect(dropped == 150 - queued)
        await spotify.stop()
    }
}
