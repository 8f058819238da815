import EventSchema
import Foundation
import Hummingbird
import Kafka
import HummingbirdTesting
import Lake
import Logging
import Testing
@testable import LakeWriter

/// `GET /status` through the router, without a socket or a broker: every documented key is
/// present, null when unknown (the synthesized encoder would leave nil optionals out).
@Suite("lake-writer GET /status keys")
struct LakeWriterStatusRouteTests {
    /// Storage that is never reached: the policy below never flushes.
    struct UnusedStorage: LakeStorage {
        func put(key: String, bytes: [UInt8]) async throws {}
        func get(key: String) async throws -> [UInt8] { [] }
        func delete(key: String) async throws {}
        func list(prefix: String) async throws -> [LakeObject] { [] }
        func checkReachable() async throws {}
    }

    @Test("an uncommitted partition reports committed_offset, high_watermark and lag as null")
    func uncommittedPartitionHasNullKeys() async throws {
        let policy = FlushPolicy(maxEvents: 1_000, maxBytes: 1 << 30, idle: .seconds(3600), maxAge: .seconds(3600), memoryBudgetBytes: 1 << 30)
        let engine = LakeWriterEngine(storage: UnusedStorage(), policy: policy, logger: Logger(label: "test"))
        await engine.attach(.init(commit: { _ in }, deadLetter: { _ in }, highWatermark: { _ in nil }))
        // One buffered event: the partition is known, nothing of it is committed yet.
        let event = ListeningEvent(eventID: UUID(), userID: "u", eventType: .play, trackID: "t",
                                   playedAt: EventTimestamp(microsecondsSinceEpoch: 1_763_470_800_000_000),
                                   trackName: "n", artistName: "a", durationMs: 1000)
        await engine.handle(ConsumedRecord(topic: "user_plays", partition: 3, offset: 7, key: nil, value: event.canonicalJSON()))

        let router = Router()
        LakeWriterRoutes(engine: engine).add(to: router, adminToken: nil)
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/status", method: .get) { response in
                #expect(response.status == .ok)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(body.keys.contains("storage_error"))
                #expect(body["storage_error"] is NSNull)
                // No high watermark known yet: how far behind is unknown, never 0.
                #expect(body.keys.contains("behind"))
                #expect(body["behind"] is NSNull)
                let partitions = try #require(body["partitions"] as? [[String: Any]])
                let partition = try #require(partitions.first)
                #expect(partition["partition"] as? Int == 3)
                #expect(partition["buffered_events"] as? Int == 1)
                for key in ["committed_offset", "high_watermark", "lag"] {
                    #expect(partition.keys.contains(key), "\(key) is missing")
                    #expect(partition[key] is NSNull, "\(key) should be null")
                }
            }
        }
    }

    @Test("behind: records neither buffered nor committed, unknown until every high watermark is")
    func behind() {
        func partition(_ number: Int32, committed: Int64?, high: Int64?, buffered: Int) -> LakeWriterStatus.Partition {
            .init(topic: "user_plays", partition: number, committedOffset: committed, highWatermark: high, lag: nil,
                  bufferedEvents: buffered, lastFiles: [])
        }
        #expect(LakeWriterStatus(partitions: [], storageError: nil).behind == nil)
        // 100 - 40 - 10 = 50 behind; nothing committed: 30 - 0 - 5 = 25; a partition ahead of its
        // cached watermark counts 0, not minus.
        let known = [partition(0, committed: 40, high: 100, buffered: 10), partition(1, committed: nil, high: 30, buffered: 5),
                     partition(2, committed: 90, high: 80, buffered: 0)]
        #expect(LakeWriterStatus(partitions: known, storageError: nil).behind == 75)
        // One unknown watermark makes the whole figure unknown, however far the rest are behind.
        #expect(LakeWriterStatus(partitions: known + [partition(3, committed: 500, high: nil, buffered: 0)], storageError: nil).behind == nil)
        let caughtUp = [partition(0, committed: 100, high: 100, buffered: 0), partition(1, committed: 20, high: 30, buffered: 10)]
        #expect(LakeWriterStatus(partitions: caughtUp, storageError: nil).behind == 0)
    }

    @Test("the status body still decodes, nulls included")
    func roundTrip() throws {
        let status = LakeWriterStatus(partitions: [.init(topic: "user_plays", partition: 0, committedOffset: nil, highWatermark: 5, lag: nil,
                                                         bufferedEvents: 0, lastFiles: [])], storageError: nil)
        let decoded = try JSONDecoder().decode(LakeWriterStatus.self, from: JSONEncoder().encode(status))
        #expect(decoded.partitions.first?.committedOffset == nil)
        #expect(decoded.partitions.first?.highWatermark == 5)
    }
}
