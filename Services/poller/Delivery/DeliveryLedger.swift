import EventSchema
import Foundation

/// What ingest-service took from this poller, counted by UTC day of `played_at` and by event
/// type, in a small JSON file (`POLLER_STATS_FILE`) that outlives restarts, for `poller stats`.
/// Counting is best effort: a failed write costs counts, never events.
struct DeliveryLedger: Sendable {
    struct Counts: Codable, Sendable, Equatable {
        /// "2026-12-05" → "play" → events accepted.
        var days: [String: [String: Int]] = [:]
        /// Events ingest-service refused (they went to its dead-letter topic).
        var refused = 0
        /// When the last accepted batch was counted.
        var lastDeliveryAt: String?

        enum CodingKeys: String, CodingKey {
            case days, refused, lastDeliveryAt = "last_delivery_at"
        }

        var total: Int { days.values.reduce(0) { $0 + $1.values.reduce(0, +) } }
    }

    let path: String

    func load() throws -> Counts {
        guard let bytes = try DurableFile.read(path) else { return Counts() }
        return try JSONDecoder().decode(Counts.self, from: Data(bytes))
    }

    /// Counts one answered batch: every event except those at the `refused` positions.
    func record(batch events: [[UInt8]], refusedCount: Int, refused positions: Set<Int>, at now: Date = Date()) throws {
        var counts = (try? load()) ?? Counts()
        for (index, bytes) in events.enumerated() where !positions.contains(index) {
            // Queued events were built by this poller, so they decode; anything else is not counted.
            guard let event = try? ListeningEvent.decode(bytes, now: now) else { continue }
            counts.days[Self.day(event.playedAt), default: [:]][event.eventType.rawValue, default: 0] += 1
        }
        counts.refused += refusedCount
        counts.lastDeliveryAt = EventTimestamp(now).rfc3339
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try DurableFile.write(Array(try encoder.encode(counts)), to: path, mode: 0o600)
    }

    static func day(_ timestamp: EventTimestamp) -> String {
        String(timestamp.rfc3339.prefix(10))
    }
}
