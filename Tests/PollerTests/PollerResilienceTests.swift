import EventSchema
import FakeSpotify
import Foundation
import Testing

@testable import Poller

/// The poller against a fake Spotify that misbehaves on purpose: the outcome is asserted
/// strictly, the backoff timings loosely.
@Suite("poller resilience against a misbehaving Spotify", .serialized, .timeLimit(.minutes(2)))
struct PollerResilienceTests {
    func withPoller(extra: [String: String] = [:], tokenExpiresIn: Int = 3600, _ body: (PollerHarness, CapturingIngest) async throws -> Void) async throws {
        let spotify = try await FakeSpotify.start()
        let ingest = try await CapturingIngest.start()
        do {
            let harness = try PollerHarness(spotify: spotify, ingestURL: ingest.url, extra: extra)
            try harness.connectAccount(expiresIn: tokenExpiresIn)
            try await body(harness, ingest)
        } catch {
            await spotify.stop()
            await ingest.stop()
            throw error
        }
        await spotify.stop()
        await ingest.stop()
    }

    @Test("a track change posts one now_playing event; the same track again, episodes and ads post nothing")
    func nowPlayingChanges() async throws {
        try await withPoller { harness, ingest in
            let poller = harness.parts.poller
            harness.spotify.setPlayback(.track(.sample(1), deviceType: "Smartphone"))
            await poller.pollCurrentlyPlaying()
            await poller.pollCurrentlyPlaying()
            #expect(ingest.events.count == 1)
            let first = try #require(ingest.events.first)
            #expect(first["event_type"] as? String == "now_playing")
            #expect(first["track_id"] as? String == FakeTrack.sample(1).id)
            #expect(first["user_id"] as? String == harness.spotify.userID)
            #expect(first["device_type"] as? String == "mobile")
            #expect(first["source"] as? String == "spotify_currently_playing")
            harness.spotify.setPlayback(.episode(id: "512ojhOuo1ktJprKbVcKyQ", name: "An episode", showName: "A show"))
            await poller.pollCurrentlyPlaying()
            harness.spotify.setPlayback(.ad)
            await poller.pollCurrentlyPlaying()
            harness.spotify.setPlayback(nil)
            await poller.pollCurrentlyPlaying()
            #expect(ingest.events.count == 1)
            harness.spotify.setPlayback(.track(.sample(2)))
            await poller.pollCurrentlyPlaying()
            #expect(ingest.events.map { $0["track_id"] as? String } == [FakeTrack.sample(1).id, FakeTrack.sample(2).id])
            let status = await harness.parts.status.snapshot(authState: .authorized)
            #expect(status.lastTrackID == FakeTrack.sample(2).id)
            #expect(status.errors.isEmpty)
        }
    }

    @Test("429 with a short Retry-After: waits about that long, then succeeds")
    func rateLimitedShort() async throws {
        try await withPoller { harness, ingest in
            harness.spotify.setPlayback(.track(.sample(3)))
            harness.spotify.inject(.rateLimited(retryAfterSeconds: 1), on: .currentlyPlaying)
            let start = ContinuousClock.now
            await harness.parts.poller.pollCurrentlyPlaying()
            let elapsed = ContinuousClock.now - start
            #expect(ingest.events.count == 1)
            #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(5), "took \(elapsed)")
            let calls = harness.spotify.requests(to: .currentlyPlaying)
            #expect(calls.map(\.status) == [429, 200])
            #expect(calls[1].at - calls[0].at >= .milliseconds(900))
        }
    }

    @Test("429 with a long Retry-After: the poller pauses instead of hammering, and says so in /status")
    func rateLimitedLong() async throws {
        try await withPoller { harness, ingest in
            harness.spotify.setPlayback(.track(.sample(4)))
            harness.spotify.inject(.rateLimited(retryAfterSeconds: 120), on: .currentlyPlaying)
            await harness.parts.poller.pollCurrentlyPlaying()
            await harness.parts.poller.pollCurrentlyPlaying()
            await harness.parts.poller.pollCurrentlyPlaying()
            #expect(harness.spotify.requests(to: .currentlyPlaying).count == 1)
            #expect(ingest.events.isEmpty)
            let status = await harness.parts.status.snapshot(authState: .authorized)
            #expect(status.errors["spotify_rate_limited"] == 1)
            let until = try #require(status.rateLimitedUntil.flatMap { EventTimestamp(rfc3339: $0) })
            #expect(until.date > Date().addingTimeInterval(100))
            await #expect(throws: SpotifyPoller.Unavailable.self) { try await harness.parts.poller.sync() }
        }
    }

    @Test("a burst of 500s is ridden out with exponential backoff")
    func serverErrorBurst() async throws {
        try await withPoller(extra: ["POLLER_RETRY_ATTEMPTS": "5", "POLLER_RETRY_BASE_MS": "50"]) { harness, ingest in
            harness.spotify.setPlayback(.track(.sample(5)))
            harness.spotify.inject(.serverError(status: 500), on: .currentlyPlaying, times: 3)
            let start = ContinuousClock.now
            await harness.parts.poller.pollCurrentlyPlaying()
            let elapsed = ContinuousClock.now - start
            #expect(harness.spotify.requests(to: .currentlyPlaying).map(\.status) == [500, 500, 500, 200])
            #expect(ingest.events.count == 1)
            // Full jitter: each wait is at most 50, 100, 200 ms.
            #expect(elapsed < .seconds(3), "took \(elapsed)")
        }
    }

    @Test("a burst longer than the retries: counted as an error, no crash, the next poll recovers")
    func serverErrorsOutlastRetries() async throws {
        try await withPoller(extra: ["POLLER_RETRY_ATTEMPTS": "2"]) { harness, ingest in
            harness.spotify.setPlayback(.track(.sample(6)))
            harness.spotify.inject(.serverError(status: 503), on: .currentlyPlaying, times: 2)
            await harness.parts.poller.pollCurrentlyPlaying()
            #expect(ingest.events.isEmpty)
            #expect(await harness.parts.status.snapshot(authState: .authorized).errors["spotify_server_error"] == 1)
            await harness.parts.poller.pollCurrentlyPlaying()
            #expect(ingest.events.count == 1)
        }
    }

    @Test("an expired access token: one refresh, one retry; the refresh token is kept when Spotify sends none")
    func expiredAccessToken() async throws {
        try await withPoller { harness, ingest in
            let before = try #require(try harness.storedToken())
            await harness.parts.poller.pollCurrentlyPlaying()  // nothing playing; the user id is known now
            harness.spotify.expireAccessTokens()
            harness.spotify.setPlayback(.track(.sample(7)))
            await harness.parts.poller.pollCurrentlyPlaying()
            #expect(ingest.events.count == 1)
            #expect(harness.spotify.requests(to: .currentlyPlaying).map(\.status) == [204, 401, 200])
            #expect(harness.spotify.requests(to: .token).count == 1)
            let after = try #require(try harness.storedToken())
            #expect(after.accessToken != before.accessToken)
            #expect(after.refreshToken == before.refreshToken)
            #expect(harness.spotify.isValidAccessToken(after.accessToken))
            #expect(try harness.fileMode(harness.tokenFile) == 0o600)
        }
    }

    @Test("a rotated refresh token is stored")
    func rotatedRefreshToken() async throws {
        try await withPoller { harness, _ in
            harness.spotify.setRotatesRefreshTokens(true)
            let before = try #require(try harness.storedToken())
            harness.spotify.inject(.expiredToken, on: .me)
            _ = try await harness.parts.api.currentUserID()
            let after = try #require(try harness.storedToken())
            #expect(after.refreshToken != before.refreshToken)
        }
    }

    @Test("a token about to expire is refreshed before the call, not after a 401")
    func refreshBeforeExpiry() async throws {
        // Expires inside the 60 s margin.
        try await withPoller(tokenExpiresIn: 30) { harness, ingest in
            harness.spotify.setPlayback(.track(.sample(8)))
            await harness.parts.poller.pollCurrentlyPlaying()
            #expect(harness.spotify.requests(to: .token).count == 1)
            #expect(harness.spotify.requests(to: .currentlyPlaying).map(\.status) == [200])
            #expect(ingest.events.count == 1)
        }
    }

    @Test("invalid_grant: reauthorization_required, no retry loop, and back to work once `poller auth` writes a new file")
    func invalidGrant() async throws {
        try await withPoller { harness, ingest in
            harness.spotify.revokeRefreshTokens()
            harness.spotify.expireAccessTokens()
            harness.spotify.setPlayback(.track(.sample(9)))
            for _ in 0..<4 { await harness.parts.poller.pollCurrentlyPlaying() }
            #expect(await harness.parts.authorization.currentState() == .reauthorizationRequired)
            #expect(harness.spotify.requests(to: .token).count == 1)
            #expect(ingest.events.isEmpty)
            let problem = try #require(await harness.parts.authorization.problem)
            #expect(problem.contains("invalid_grant"))
            // The operator runs `poller auth` again: a new file, picked up without a restart.
            try await Task.sleep(for: .milliseconds(20))  // a distinct modification time
            try harness.connectAccount()
            await harness.parts.poller.pollCurrentlyPlaying()
            #expect(await harness.parts.authorization.currentState() == .authorized)
            #expect(ingest.events.count == 1)
        }
    }

    @Test("malformed and unexpected JSON are skipped with the endpoint logged and counted; polling goes on", arguments: [FakeFault.truncatedBody, .unexpectedJSON])
    func malformedBodies(fault: FakeFault) async throws {
        try await withPoller { harness, ingest in
            harness.spotify.setPlayback(.track(.sample(10)))
            harness.spotify.inject(fault, on: .currentlyPlaying)
            harness.spotify.inject(fault, on: .recentlyPlayed)
            await harness.parts.poller.pollCurrentlyPlaying()
            await #expect(throws: SpotifyAPIError.self) { try await harness.parts.poller.sync() }
            #expect(await harness.parts.status.snapshot(authState: .authorized).errors["spotify_malformed"] == 2)
            await harness.parts.poller.pollCurrentlyPlaying()
            #expect(ingest.events.count == 1)
        }
    }

    @Test("a slow answer beyond the request timeout is abandoned and retried")
    func slowResponse() async throws {
        try await withPoller(extra: ["POLLER_REQUEST_TIMEOUT_MS": "300"]) { harness, ingest in
            harness.spotify.setPlayback(.track(.sample(11)))
            harness.spotify.inject(.delay(.seconds(2)), on: .currentlyPlaying)
            let start = ContinuousClock.now
            await harness.parts.poller.pollCurrentlyPlaying()
            let elapsed = ContinuousClock.now - start
            #expect(ingest.events.count == 1)
            #expect(elapsed < .seconds(2), "took \(elapsed): the slow answer was awaited")
            #expect(harness.spotify.requests(to: .currentlyPlaying).count >= 1)
        }
    }
}

