import EventSchema
import Foundation
@testable import ListeningSimulation

/// One shared 100,000-event simulation for the distribution tests (generated once, lazily).
enum SimulatorTestSample {
    static let end = Date(timeIntervalSince1970: 1_763_700_000)

    static let settings = SimulationSettings(events: 100_000, users: 500, seed: 20_251_118, end: end)

    static let simulator: ListeningSimulator = {
        do { return try ListeningSimulator(settings: settings) } catch { fatalError("sample settings are valid: \(error)") }
    }()

    static let events: [SimulatedEvent] = Array(simulator)

    /// Events that report real listening at the moment they happened (not re-sends, not late).
    static let onTimeEvents: [SimulatedEvent] = events.filter { $0.defect != .duplicate && $0.defect != .lateArrival }

    /// Play and skip events: one per playback.
    static let playbacks: [SimulatedEvent] = onTimeEvents.filter { $0.event.eventType == .play || $0.event.eventType == .skip }

    static func settings(events: Int = 1000, users: Int = 10, seed: UInt64 = 1) -> SimulationSettings {
        SimulationSettings(events: events, users: users, seed: seed, end: end)
    }

    /// FNV-1a over every event's JSON, with a separator, so equal hashes mean equal streams.
    static func streamHash(_ simulator: ListeningSimulator, count: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for simulated in simulator.prefix(count) {
            for byte in simulated.json + [0x0A] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        }
        return hash
    }

    static func share(_ part: Int, of whole: Int) -> Double { Double(part) / Double(whole) }
}
