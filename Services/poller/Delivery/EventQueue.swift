import EventSchema
import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Events that ingest-service has not taken yet, on disk (`POLLER_QUEUE_DIR`): one NDJSON file
/// per batch of up to 50, named so that names sort oldest first. Every event goes through here
/// before it is posted, so a crash or an ingest outage between fetch and acknowledgement loses nothing.
/// Bounded: beyond `maxEvents` the oldest batches are dropped (logged and counted), because a
/// poller that fills the disk during a long outage would take the machine down with it.
actor EventQueue {
    struct Batch: Sendable {
        let name: String
        let events: [[UInt8]]
    }

    /// Events per file and per request to ingest-service (a Spotify page holds 50).
    static let batchSize = 50

    let folder: String
    let maxEvents: Int
    private let logger: Logger
    private var index: [(name: String, count: Int)]?
    private var lastStamp: UInt64 = 0

    init(folder: String, maxEvents: Int, logger: Logger) {
        self.folder = folder
        self.maxEvents = maxEvents
        self.logger = logger
    }

    var count: Int {
        get throws { try loadIndex().reduce(0) { $0 + $1.count } }
    }

    /// Stores `events` durably in batches of `batchSize`; returns how many old events were dropped for room.
    func append(_ events: [ListeningEvent]) throws -> Int {
        guard !events.isEmpty else { return 0 }
        var entries = try loadIndex()
        for start in stride(from: 0, to: events.count, by: Self.batchSize) {
            let batch = events[start..<min(start + Self.batchSize, events.count)]
            var body: [UInt8] = []
            for event in batch {
                body.append(contentsOf: event.canonicalJSON())
                body.append(0x0A)
            }
            let name = nextName()
            try DurableFile.write(body, to: path(name), mode: 0o600)
            entries.append((name, batch.count))
        }
        var dropped = 0
        while entries.reduce(0, { $0 + $1.count }) > maxEvents, entries.count > 1 {
            let oldest = entries.removeFirst()
            unlink(path(oldest.name))
            dropped += oldest.count
        }
        if dropped > 0 {
            logger.error("the poller's event queue is full; dropped the oldest events", metadata: ["dropped": "\(dropped)", "max_events": "\(maxEvents)"])
        }
        index = entries
        return dropped
    }

    func oldest() throws -> Batch? {
        guard let first = try loadIndex().first else { return nil }
        guard let bytes = try DurableFile.read(path(first.name)) else {
            index?.removeFirst()
            return try oldest()
        }
        return Batch(name: first.name, events: bytes.split(separator: 0x0A).map(Array.init))
    }

    func remove(_ batch: Batch) {
        unlink(path(batch.name))
        DurableFile.syncFolder(folder)
        index?.removeAll { $0.name == batch.name }
    }

    private func loadIndex() throws -> [(name: String, count: Int)] {
        if let index { return index }
        var entries: [(name: String, count: Int)] = []
        if FileManager.default.fileExists(atPath: folder) {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
                if name.hasSuffix(".ndjson") {
                    let lines = (try DurableFile.read(path(name)) ?? []).split(separator: 0x0A).count
                    entries.append((name, lines))
                } else if name.contains(".tmp-") {
                    unlink(path(name))  // an append interrupted by a crash: never acknowledged, never fetched past
                }
            }
        }
        index = entries
        if let last = entries.last, let stamp = UInt64(last.name.prefix(20)) { lastStamp = stamp }
        return entries
    }

    /// Nanoseconds since the epoch, strictly increasing, zero-padded so names sort by age.
    private func nextName() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        lastStamp = max(UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec), lastStamp + 1)
        let digits = String(lastStamp)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".ndjson"
    }

    private func path(_ name: String) -> String { folder + "/" + name }
}
