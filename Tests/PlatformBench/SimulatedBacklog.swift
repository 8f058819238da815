import ArgumentParser
import EventSchema
import Foundation
import Kafka

/// A backlog made by the listening simulator (`ingest-service simulate`), as users' topics hold
/// it: diurnal traffic over many listeners, in the simulator's order, late events included. The
/// dirty events that ingest-service would reject never reach the topics, so they are left out
/// here too. `SimulatedTraffic` instead advances event time evenly, one hour after the other:
/// the shape that flatters lake-writer, which then holds one buffer per partition at a time.
struct SimulatedBacklog: Sendable {
    /// The last played_at: now, as in a backlog users meet (lake-writer's rules for open and
    /// settled hours go by the clock). Every run of a shape drains the same produced records.
    let end = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))

    let name: String
    let events: Int
    let users: Int
    /// What the simulator is asked for (it plans whole days).
    let days: Int
    /// Event time squeezed towards `end` by this factor: 12 makes one simulated day two hours.
    let compression: Int64

    static func shape(named name: String, events: Int) -> SimulatedBacklog? {
        switch name {
        case "2h": SimulatedBacklog(name: "2 hours", events: events, users: 5000, days: 1, compression: 12)
        case "24h": SimulatedBacklog(name: "24 hours", events: events, users: 5000, days: 1, compression: 1)
        case "7d": SimulatedBacklog(name: "7 days", events: events, users: 5000, days: 7, compression: 1)
        default: nil
        }
    }

    /// Runs the simulator and produces what ingest-service would accept; returns the records produced.
    func produce(simulator: String, with producer: KafkaProducer) async throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: simulator)
        process.arguments = ["simulate", "--events", String(events), "--users", String(users), "--days", String(days),
                             "--seed", "11", "--rate", "0", "--target", "stdout", "--end", EventTimestamp(end).rfc3339, "--batch-size", "5000"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let endMicros = EventTimestamp(end).microsecondsSinceEpoch
        var produced = 0
        var batch: [KafkaProducerMessage] = []
        var pending: [UInt8] = []
        let reader = out.fileHandleForReading
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            pending.append(contentsOf: chunk)
            var start = 0
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(pending[start..<newline])
                start = newline + 1
                guard var event = try? ListeningEvent.decode(line) else { continue }
                if compression > 1 {
                    let before = endMicros - event.playedAt.microsecondsSinceEpoch
                    event.playedAt = EventTimestamp(microsecondsSinceEpoch: endMicros - before / compression)
                }
                batch.append(KafkaProducerMessage(topic: event.eventType.kafkaTopic, key: event.userID, value: event.canonicalJSON()))
                if batch.count == 5000 {
                    produced += try await send(batch, with: producer)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            pending.removeFirst(start)
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("the simulator exited with \(process.terminationStatus)") }
        if !batch.isEmpty { produced += try await send(batch, with: producer) }
        return produced
    }

    private func send(_ records: [KafkaProducerMessage], with producer: KafkaProducer) async throws -> Int {
        let failures = await producer.send(records).filter { if case .failure = $0 { true } else { false } }.count
        if failures > 0 { throw ValidationError("\(failures) records were not acknowledged by the broker") }
        return records.count
    }
}
