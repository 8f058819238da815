import FakeSpotify
import Foundation
import TestSupport
import Testing

@testable import Poller

/// The operator's commands, run as the built executable against the fake Spotify and a
/// capturing ingest endpoint: what they print, what they deliver and their exit status.
@Suite("poller commands", .serialized, .timeLimit(.minutes(2)), .integration)
struct PollerCommandTests {
    struct Setup {
        let spotify: FakeSpotify
        let ingest: CapturingIngest
        let harness: PollerHarness
        var environment: [String: String] {
            [
                "PATH": "/usr/bin:/bin", "INGEST_URL": ingest.url, "SPOTIFY_API_BASE": spotify.baseURL, "SPOTIFY_ACCOUNTS_BASE": spotify.baseURL,
                "SPOTIFY_CLIENT_ID": spotify.clientID, "SPOTIFY_CLIENT_SECRET": spotify.clientSecret,
                "SPOTIFY_TOKEN_FILE": harness.tokenFile, "POLLER_RETRY_BASE_MS": "20", "POLLER_RETRY_MAX_S": "1",
                "PORT": "1",  // nothing answers there: `status` reads the files
            ]
        }

        func stop() async {
            await spotify.stop()
            await ingest.stop()
        }
    }

    func setUp() async throws -> Setup {
        let spotify = try await FakeSpotify.start()
        let ingest = try await CapturingIngest.start()
        return Setup(spotify: spotify, ingest: ingest, harness: try PollerHarness(spotify: spotify, ingestURL: ingest.url))
    }

    func poller(_ arguments: [String], _ environment: [String: String]) async throws -> CommandRun {
        try await CommandRun.run(try PollerProcessTests.executable, arguments, environment: environment)
    }

    @Test("`poller --help` lists every command and exits 0 without starting the service")
    func help() async throws {
        let started = ContinuousClock.now
        let run = try await poller(["--help"], ["PATH": "/usr/bin:/bin"])
        #expect(run.status == 0)
        for command in ["run", "auth", "status", "test", "run-once", "backfill", "stats"] {
            #expect(run.stdout.contains("  \(command)"), "help lists \(command): \(run.stdout)")
        }
        #expect(!run.output.contains("\"service\":\"poller\""), "the service did not start")
        #expect(ContinuousClock.now - started < .seconds(10))
        let backfill = try await poller(["backfill", "--help"], ["PATH": "/usr/bin:/bin"])
        #expect(backfill.status == 0 && backfill.stdout.contains("--days"))
        let wrong = try await poller(["backfill", "--days", "0"], ["PATH": "/usr/bin:/bin"])
        #expect(wrong.status != 0 && wrong.stderr.contains("--days must be between 1 and 365"))
    }

    @Test("`poller test`: OK with a valid token; a clear message and exit 1 without one, with a refused refresh token and in a 429 storm")
    func testCommand() async throws {
        let setup = try await setUp()
        defer { Task { await setup.stop() } }
        let missing = try await poller(["test"], setup.environment)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no Spotify account is connected") && missing.stderr.contains("poller auth"), "\(missing.output)")

        try setup.harness.connectAccount()
        let ok = try await poller(["test"], setup.environment)
        #expect(ok.status == 0, "\(ok.output)")
        #expect(ok.stdout.contains("OK: Spotify answered as user fake-listener"))

        setup.spotify.inject(.rateLimited(retryAfterSeconds: 30), on: .me, times: 50)
        let started = ContinuousClock.now
        let limited = try await poller(["test"], setup.environment)
        #expect(limited.status == 1)
        #expect(limited.stderr.contains("rate limiting") && limited.stderr.contains("30 s"), "\(limited.output)")
        #expect(ContinuousClock.now - started < .seconds(15), "an operator's check does not sit out a storm")
        setup.spotify.clearFaults()

        // The access token has expired and Spotify no longer accepts the refresh token.
        try setup.harness.connectAccount(expiresIn: -60)
        setup.spotify.revokeRefreshTokens()
        let refused = try await poller(["test"], setup.environment)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refused the stored refresh token") && refused.stderr.contains("poller auth"), "\(refused.output)")
        let token = try #require(try setup.harness.storedToken())
        #expect(!refused.output.contains(token.refreshToken) && !refused.output.contains(setup.spotify.clientSecret), "no secret in the output")
    }

    @Test("`poller run-once`: one poll and one sync delivered, cursor and counts kept; again: nothing twice; ingest down: exit 1, events kept")
    func runOnce() async throws {
        let setup = try await setUp()
        defer { Task { await setup.stop() } }
        try setup.harness.connectAccount()
        setup.spotify.addPlays(PollerFixtures.plays(5))
        setup.spotify.setPlayback(.track(.sample(7)))
        let first = try await poller(["run-once"], setup.environment)
        #expect(first.status == 0, "\(first.output)")
        #expect(first.stdout.contains("5 fetched"), "\(first.stdout)")
        #expect(first.stdout.contains("6 events taken by ingest-service, 0 still queued"), "\(first.stdout)")
        #expect(first.stdout.contains("currently playing: \(FakeTrack.sample(7).id)"))
        let types = setup.ingest.events.compactMap { $0["event_type"] as? String }
        #expect(types.filter { $0 == "play" }.count == 5 && types.filter { $0 == "now_playing" }.count == 1)
        let cursor = try CursorStore(path: setup.harness.configuration.cursorFile).load()
        #expect(cursor.after != nil && cursor.recentPlayIDs.count == 5)
        let counts = try DeliveryLedger(path: setup.harness.configuration.statsFile).load()
        #expect(counts.total == 6)

        let again = try await poller(["run-once"], setup.environment)
        #expect(again.status == 0)
        #expect(setup.ingest.events.compactMap { $0["event_type"] as? String }.filter { $0 == "play" }.count == 5, "no play delivered twice")

        setup.spotify.addPlays(PollerFixtures.plays(2, endingMinutesAgo: 1, firstTrack: 20))
        setup.ingest.setDown(true)
        let down = try await poller(["run-once"], setup.environment)
        #expect(down.status == 1)
        #expect(down.stderr.contains("stay queued"), "\(down.output)")
        setup.ingest.setDown(false)
        let status = try await poller(["status", "--json"], setup.environment)
        #expect(status.status == 0)
        let files = try #require((try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])?["files"] as? [String: Any])
        // The two new plays, and the current track again: a new process has not seen it yet.
        #expect(files["queued_events"] as? Int == 3)
    }

    @Test("`poller backfill --days N` delivers the plays in range once and says how far back Spotify's history reached")
    func backfill() async throws {
        let setup = try await setUp()
        defer { Task { await setup.stop() } }
        try setup.harness.connectAccount()
        // 50 plays two hours apart: about four days of history, the newest 5 minutes ago.
        setup.spotify.addPlays(PollerFixtures.plays(50, spacing: 7_200))
        let threeDays = try await poller(["backfill", "--days", "3"], setup.environment)
        #expect(threeDays.status == 0, "\(threeDays.output)")
        #expect(threeDays.stdout.contains("reach:      the whole range"), "\(threeDays.stdout)")
        let inRange = PollerFixtures.plays(50, spacing: 7_200).filter { $0.playedAt > Date().addingTimeInterval(-3 * 86_400 + 60) }.count
        let delivered = setup.ingest.events.count
        #expect(abs(delivered - inRange) <= 1, "delivered \(delivered), in range about \(inRange)")

        let thirty = try await poller(["backfill", "--days", "30"], setup.environment)
        #expect(thirty.status == 0, "\(thirty.output)")
        #expect(thirty.stdout.contains("reach:      only back to"), "\(thirty.stdout)")
        #expect(thirty.stdout.contains("Spotify keeps the last 50 plays"))
        #expect(thirty.stdout.contains("50 plays in range, \(50 - delivered) new, \(delivered) delivered before"), "\(thirty.stdout)")
        let ids = setup.ingest.events.compactMap { $0["event_id"] as? String }
        #expect(ids.count == 50 && Set(ids).count == 50, "each play delivered once")

        // The next sync continues after the newest play: nothing again.
        let sync = try await poller(["run-once"], setup.environment)
        #expect(sync.status == 0 && setup.ingest.events.count == 50, "\(sync.output)")
    }

    @Test("`poller status` and `poller stats` from the files; stats with the warehouse; a bad warehouse URL is named without its password")
    func statusAndStats() async throws {
        let setup = try await setUp()
        defer { Task { await setup.stop() } }
        let before = try await poller(["status"], setup.environment)
        #expect(before.status == 0)
        #expect(before.stdout.contains("source:         state files"))
        #expect(before.stdout.contains("not connected"), "\(before.stdout)")

        try setup.harness.connectAccount()
        setup.spotify.addPlays(PollerFixtures.plays(3))
        #expect(try await poller(["run-once"], setup.environment).status == 0)
        let after = try await poller(["status"], setup.environment)
        #expect(after.stdout.contains("access token valid, expires"), "\(after.stdout)")
        #expect(after.stdout.contains("queued events:  0"))
        #expect(after.stdout.contains("delivered:      3 events taken by ingest-service"), "\(after.stdout)")
        let cursor = try #require(try CursorStore(path: setup.harness.configuration.cursorFile).load().after)
        #expect(after.stdout.contains("cursor:         \(cursor) = "))

        let stats = try await poller(["stats", "--json"], setup.environment)
        #expect(stats.status == 0, "\(stats.output)")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        let rows = try #require(body["rows"] as? [[String: Any]])
        #expect(rows.filter { $0["event_type"] as? String == "play" }.compactMap { $0["delivered"] as? Int }.reduce(0, +) == 3)
        #expect(rows.allSatisfy { $0["in_bronze"] == nil }, "no warehouse asked without --postgres-url")

        let compared = try await poller(["stats", "--postgres-url", try TestEnvironment.require("POSTGRES_URL")], setup.environment)
        #expect(compared.status == 0, "\(compared.output)")
        #expect(compared.stdout.contains("in bronze"))

        let unreachable = try await poller(["stats", "--postgres-url", "postgresql://reader:sekret-password@127.0.0.1:1/spotify_data"], setup.environment)
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("cannot count bronze in the warehouse"), "\(unreachable.output)")
        #expect(!unreachable.output.contains("sekret-password"))
    }
}
