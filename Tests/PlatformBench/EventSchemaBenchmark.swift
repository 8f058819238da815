import ArgumentParser
import EventSchema
import Foundation

/// Decode + validate of docs/CONTRACT.md's sample play event, against Foundation's JSONDecoder decoding
/// the same bytes into a plain Codable struct (no validation at all) as the reference.
struct EventSchemaBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event-schema",
        abstract: "Events/s of EventSchema decode+validate vs Foundation JSONDecoder (aim: ≥ 200,000 events/s)."
    )

    @Option(help: "Events decoded per timed run.")
    var events = 200_000

    @Option(help: "Timed runs; the median is reported.")
    var runs = 5

    static let sample = Array("""
        { "event_id": "6f1c1a0e-2b9f-4d3e-9a51-6c7d8e9f0a1b", "user_id": "user_0042", "event_type": "play",
          "track_id": "0VjIjW4GlUZAMYd2vXMi3b", "track_name": "Blinding Lights", "artist_name": "The Weeknd",
          "album_name": "After Hours", "duration_ms": 200040, "played_at": "2025-11-18T14:23:15Z",
          "device_type": "desktop" }
        """.utf8)

    /// What a service would get from JSONDecoder without any of the schema's rules.
    struct PlainEvent: Codable {
        var event_id: UUID
        var user_id: String
        var event_type: String
        var track_id: String
        var track_name: String?
        var artist_name: String?
        var album_name: String?
        var duration_ms: Int?
        var played_at: Date
        var device_type: String?
    }

    func run() async throws {
        let sample = Self.sample
        let now = Date()
        let count = events
        var checksum = 0

        let ours = try Bench.time(runs: runs) {
            try sample.withUnsafeBytes { bytes in
                for _ in 0..<count {
                    let event = try ListeningEvent.decode(bytes, now: now)
                    checksum &+= event.durationMs ?? 0
                }
            }
        }

        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let data = Data(sample)
        let referenceCount = max(count / 10, 1)  // JSONDecoder is far slower; fewer events keep the run short.
        let reference = try Bench.time(runs: runs) {
            for _ in 0..<referenceCount {
                let event = try decoder.decode(PlainEvent.self, from: data)
                checksum &+= event.duration_ms ?? 0
            }
        }

        Bench.report(
            title: "EventSchema decode+validate of the SPEC sample (\(sample.count) bytes, one core)",
            unit: "events/s",
            ours: ("ListeningEvent.decode", Double(count) / Bench.median(ours)),
            reference: ("Foundation JSONDecoder (Codable)", Double(referenceCount) / Bench.median(reference)),
            aim: "ours ≥ 200,000 events/s"
        )
        print("  (checksum \(checksum))")
    }
}
