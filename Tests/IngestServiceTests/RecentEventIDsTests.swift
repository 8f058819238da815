import Foundation
import Testing

@testable import IngestService

@Suite("duplicate detection window")
struct RecentEventIDsTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("a repeat within the window is a duplicate; the first sighting is not")
    func withinWindow() {
        let ids = RecentEventIDs(window: .seconds(600))
        let id = UUID()
        #expect(!ids.insertAndCheckSeen(id, at: start))
        #expect(ids.insertAndCheckSeen(id, at: start.addingTimeInterval(10)))
        #expect(ids.insertAndCheckSeen(id, at: start.addingTimeInterval(299)))
        #expect(!ids.insertAndCheckSeen(UUID(), at: start.addingTimeInterval(20)))
    }

    @Test("still seen half a window later (previous generation); forgotten after a full window of silence")
    func expiry() {
        let ids = RecentEventIDs(window: .seconds(600))
        let id = UUID()
        #expect(!ids.insertAndCheckSeen(id, at: start))
        #expect(ids.insertAndCheckSeen(id, at: start.addingTimeInterval(400)), "rotated once: still in the previous generation")
        let other = UUID()
        #expect(!ids.insertAndCheckSeen(other, at: start.addingTimeInterval(1000)))
        #expect(!ids.insertAndCheckSeen(other, at: start.addingTimeInterval(2400)) , "a full window of silence forgets everything")
    }

    @Test("memory is capped per generation")
    func capped() {
        let ids = RecentEventIDs(window: .seconds(600), maxPerGeneration: 100)
        let first = UUID()
        _ = ids.insertAndCheckSeen(first, at: start)
        for _ in 0..<250 { _ = ids.insertAndCheckSeen(UUID(), at: start) }
        #expect(!ids.insertAndCheckSeen(first, at: start), "old ids roll out once the cap forces rotations")
    }
}
