import EventSchema
import Foundation
import Kafka
import Logging
import Retry
import ServiceLifecycle
import Synchronization

/// Follows the `now_playing` topic and records each user's current track. A new group starts
/// at the topic's end (`auto.offset.reset=latest`): what played before it existed is history,
/// not "now". From then on the group's position is committed (`NowPlayingPositions`), so a
/// rebalance, a replica taking over or a restart resumes where the group was, skipping nothing.
final class NowPlayingConsumer: Service, Sendable {
    private let configuration: KafkaConsumerConfiguration
    private let admin: KafkaAdmin
    private let store: NowPlayingStore
    private let logger: Logger
    private let assigned = Atomic<Bool>(false)
    private let positions: NowPlayingPositions

    init(configuration: KafkaConsumerConfiguration, admin: KafkaAdmin, store: NowPlayingStore, logger: Logger) {
        self.configuration = configuration
        self.admin = admin
        self.store = store
        self.logger = logger
        positions = NowPlayingPositions(logger: logger)
    }

    /// True once the group gave this consumer its partitions: from then on events are seen.
    var isAssigned: Bool { assigned.load(ordering: .relaxed) }

    func run() async throws {
        // Topics are created by ingest-service; a subscription to a missing topic on Tansu
        // would wait for minutes, so wait for it here (a shutdown cancels the wait).
        guard await (cancelWhenGracefulShutdown { await self.waitForTopic() }) else { return }
        let consumer = try KafkaConsumer(configuration: configuration, topics: [EventType.nowPlaying.kafkaTopic], logger: logger)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.consume(consumer) }
            try? await gracefulShutdown()
            await positions.commit(in: consumer)
            await consumer.close()
            group.cancelAll()
        }
    }

    private func waitForTopic() async -> Bool {
        let topic = EventType.nowPlaying.kafkaTopic
        let found: Void? = await retryUntilCancelled(Backoff(initial: .milliseconds(250), maximum: .seconds(10)), onFailure: { error, pause in
            if error is TopicNotYetCreated {
                logger.info("waiting for the now_playing topic to be created")
            } else {
                logger.warning("cannot list Kafka topics yet; retrying", metadata: ["error": "\(error)", "retry_in": "\(pause)"])
            }
        }) {
            guard try await admin.topics()[topic] != nil else { throw TopicNotYetCreated() }
        }
        return found != nil
    }

    private struct TopicNotYetCreated: Error {}

    private func consume(_ consumer: KafkaConsumer) async {
        for await event in consumer.events {
            switch event {
            case let .message(message):
                await handle(message)
                await positions.handled(message, in: consumer)
            case let .partitionsAssigned(partitions):
                await positions.pinStart(of: partitions, in: consumer)
                assigned.store(true, ordering: .relaxed)
            case let .partitionsRevoked(_, rebalance):
                await positions.commit(in: consumer)
                rebalance.complete()
            }
        }
    }

    private func handle(_ message: KafkaConsumerMessage) async {
        let event: ListeningEvent
        do {
            event = try ListeningEvent.decode(message.value)
        } catch {
            // ingest-service validated it; anything else on the topic is not ours to act on.
            logger.warning("ignoring an undecodable now_playing record",
                           metadata: ["partition": "\(message.partition)", "offset": "\(message.offset)", "error": "\(error)"])
            return
        }
        guard event.eventType == .nowPlaying else { return }
        let track = NowPlayingTrack(
            trackID: event.trackID, trackName: event.trackName, artistName: event.artistName, albumName: event.albumName,
            albumImageURL: event.albumImageURL, deviceType: event.deviceType?.rawValue, durationMs: event.durationMs,
            playedAt: event.playedAt.rfc3339, receivedAt: EventTimestamp(Date()).rfc3339)
        await store.record(track, userID: event.userID)
    }
}
