import FakeSpotify
import Foundation
import Hummingbird
import HummingbirdTesting
import Kafka
import Logging
import TestSupport
import Testing

@testable import Poller

/// The poller with the stack's real ingest-service and broker (INGEST_URL, INGEST_TOKEN,
/// KAFKA_BROKERS): what arrives in Kafka, found by a user id unique to the test.
@Suite("poller end to end with ingest-service and Kafka", .serialized, .timeLimit(.minutes(3)), .integration)
struct PollerKafkaEndToEndTests {
    let logger = Logger(label: "poller-e2e")

    func stackHarness(_ spotify: FakeSpotify, user: String, extra: [String: String] = [:]) throws -> PollerHarness {
        var values = ["POLLER_USER_ID": user, "INGEST_TOKEN": try TestEnvironment.require("INGEST_TOKEN")]
        values.merge(extra) { $1 }
        return try PollerHarness(spotify: spotify, ingestURL: try TestEnvironment.require("INGEST_URL"), extra: values)
    }

    /// Records of `topic` keyed by `user`, read from the beginning until `count` arrived and
    /// then `linger` longer, so a duplicate arriving late would be seen too.
    func records(on topic: String, user: String, count: Int, linger: Duration = .seconds(3)) async throws -> [KafkaConsumerMessage] {
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: KafkaClientConfiguration(bootstrapServers: try TestEnvironment.require("KAFKA_BROKERS")),
                                                      groupID: TestEnvironment.uniqueName("poller-e2e"), sessionTimeout: .seconds(6)),
            topics: [topic], logger: logger)
        let key = Array(user.utf8)
        let collected = CollectedRecords()
        let reader = Task {
            for await event in consumer.events {
                switch event {
                case .message(let message) where message.key == key: collected.append(message)
                case .partitionsRevoked(_, let rebalance): rebalance.complete()
                default: break
                }
            }
        }
        let deadline = ContinuousClock.now + .seconds(45)
        while collected.records.count < count && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        try await Task.sleep(for: linger)
        await consumer.close()  // ends `events`, and with it the reader
        await reader.value
        return collected.records
    }

    @Test("plays fetched twice are each in user_plays once, with the poller's UUIDv5 event_id")
    func playsOnce() async throws {
        let spotify = try await FakeSpotify.start()
        let user = TestEnvironment.uniqueName("poller_e2e")
        let harness = try stackHarness(spotify, user: user)
        try harness.connectAccount()
        let plays = PollerFixtures.plays(20)
        spotify.addPlays(plays)

        let first = try await harness.parts.poller.sync()
        #expect(first.fetched == 20 && first.posted == 20)
        // Spotify hands the same plays back (the cursor moved back): fetched again, posted once.
        let store = CursorStore(path: harness.configuration.cursorFile)
        var position = try store.load()
        position.after = String(plays[0].playedAtMilliseconds - 1)
        try store.save(position)
        let second = try await harness.parts.poller.sync()
        #expect(second.fetched == 20 && second.posted == 0)

        let received = try await records(on: "user_plays", user: user, count: 20)
        let ids = received.compactMap { record -> String? in
            (try? JSONSerialization.jsonObject(with: Data(record.value)) as? [String: Any])?["event_id"] as? String
        }
        #expect(received.count == 20)
        #expect(Set(ids).count == 20)
        let expected = Set(plays.map { play in
            SpotifyEventMapper.playEventID(userID: user, trackID: play.track.id, playedAt: .init(play.playedAt)).uuidString.lowercased()
        })
        #expect(Set(ids) == expected)
        #expect(received.allSatisfy { $0.headers.value(forKey: "event_type") == "play" })
        await spotify.stop()
    }

    @Test("a track change is a now_playing event in Kafka within one poll interval")
    func nowPlayingWithinOneInterval() async throws {
        let spotify = try await FakeSpotify.start()
        let user = TestEnvironment.uniqueName("poller_e2e_now")
        let interval = 1_000
        let harness = try stackHarness(spotify, user: user, extra: ["POLLER_POLL_INTERVAL_MS": String(interval)])
        try harness.connectAccount()
        spotify.setPlayback(.track(.sample(1)))
        let changedAt = try await buildPollerApplication(harness.configuration, logger: logger).test(.router) { _ -> Date in
            // Let the service see the first track, then change it.
            try await Task.sleep(for: .milliseconds(interval + 500))
            let changedAt = Date()
            spotify.setPlayback(.track(.sample(2), deviceType: "Speaker"))
            try await Task.sleep(for: .milliseconds(interval + 1_000))
            return changedAt
        }
        let received = try await records(on: "now_playing", user: user, count: 2, linger: .seconds(1))
        let events = received.compactMap { try? JSONSerialization.jsonObject(with: Data($0.value)) as? [String: Any] }
        #expect(events.map { $0["track_id"] as? String } == [FakeTrack.sample(1).id, FakeTrack.sample(2).id])
        let change = try #require(received.last)
        let producedAt = Double(try #require(change.timestampMilliseconds)) / 1000
        let delay = producedAt - changedAt.timeIntervalSince1970
        #expect(delay >= 0 && delay <= Double(interval) / 1000 + 0.5, "the change reached Kafka after \(delay) s")
        #expect(events.last?["device_type"] as? String == "speaker")
        #expect(events.last?["source"] as? String == "spotify_currently_playing")
        await spotify.stop()
    }
}
