import ArgumentParser
import Foundation
import ListeningSimulation
import Postgres

/// `platform-bench copy`: COPY play-event rows through the Postgres wrapper, and the same rows
/// as a CSV file through `psql -c "\copy ..."`, into the same table; reports median rows/s.
struct CopyBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "COPY FROM STDIN through the Postgres wrapper vs. psql \\copy of the same rows as CSV."
    )

    @Option(help: "libpq conninfo or URI (default: $POSTGRES_URL).")
    var url: String?

    @Option(help: "Rows per COPY.")
    var rows = 1_000_000

    @Option(help: "Timed runs of each side (after one untimed warm-up run).")
    var runs = 3

    @Option(help: "COPY data format used by the wrapper: text or csv.")
    var format = "text"

    @Option(help: "psql executable.")
    var psql = "/usr/bin/psql"

    func run() async throws {
        guard let url = url ?? ProcessInfo.processInfo.environment["POSTGRES_URL"], !url.isEmpty else {
            throw ValidationError("pass --url or set POSTGRES_URL")
        }
        let copyFormat: PostgresCopyFormat = format == "csv" ? .csv : .text
        let table = "bench_copy_\(UInt32.random(in: 0...UInt32.max))"
        let plays = PlayRow.generate(count: rows)
        let csvPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(table).csv").path
        try PlayRow.writeCSV(plays, to: csvPath)
        defer { try? FileManager.default.removeItem(atPath: csvPath) }

        let connection = try await PostgresConnection.connect(to: url)
        try await connection.executeScript("CREATE TABLE \(table) (\(PlayRow.columnDefinitions))")
        do {
            try await measure(connection: connection, url: url, table: table, plays: plays, csvPath: csvPath, copyFormat: copyFormat)
        } catch {
            try? await connection.executeScript("DROP TABLE IF EXISTS \(table)")
            throw error
        }
        try await connection.executeScript("DROP TABLE IF EXISTS \(table)")
        await connection.close()
    }

    private func measure(
        connection: PostgresConnection, url: String, table: String, plays: [PlayRow], csvPath: String,
        copyFormat: PostgresCopyFormat
    ) async throws {

        func truncate() async throws { try await connection.executeScript("TRUNCATE \(table)") }
        func verify() async throws {
            let count = try await connection.query("SELECT count(*) FROM \(identifier: table)")[0].decode(0, as: Int.self)
            guard count == rows else { throw ValidationError("expected \(rows) rows in \(table), found \(count)") }
        }

        var ours: [Double] = []
        var reference: [Double] = []
        // Alternate the two sides so drift on a shared machine affects both alike.
        for run in 0...runs {
            try await truncate()
            let start = ContinuousClock.now
            let copied = try await connection.copyFrom(table: table, columns: PlayRow.columns, format: copyFormat) { writer in
                for play in plays { try await play.write(to: writer) }
            }
            let oursSeconds = (ContinuousClock.now - start).seconds
            guard copied == rows else { throw ValidationError("wrapper copied \(copied) rows, expected \(rows)") }
            try await verify()

            try await truncate()
            let psqlStart = ContinuousClock.now
            try runPsql(url: url, table: table, csvPath: csvPath)
            let psqlSeconds = (ContinuousClock.now - psqlStart).seconds
            try await verify()

            if run > 0 {  // run 0 is the warm-up
                ours.append(oursSeconds)
                reference.append(psqlSeconds)
            }
            print(String(format: "  run %d: wrapper %.3f s, psql %.3f s%@", run, oursSeconds, psqlSeconds, run == 0 ? " (warm-up)" : ""))
        }
        Bench.report(
            title: "COPY \(rows) play-event rows (median of \(runs) runs)", unit: "rows/s",
            ours: ("Postgres wrapper copyFrom (\(format))", Double(rows) / Bench.median(ours)),
            reference: ("psql \\copy (csv file)", Double(rows) / Bench.median(reference)),
            aim: ">= 0.8")
    }

    private func runPsql(url: String, table: String, csvPath: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: psql)
        let columns = PlayRow.columns.joined(separator: ", ")
        process.arguments = [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "\\copy \(table) (\(columns)) FROM '\(csvPath)' WITH (FORMAT csv)"]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("psql exited with \(process.terminationStatus)") }
    }
}

/// A SPEC-shaped bronze play row, with values varied enough to exercise escaping.
private struct PlayRow: Sendable {
    static let columns = [
        "event_id", "user_id", "event_type", "track_id", "track_name", "artist_name", "album_name", "duration_ms",
        "played_at", "device_type", "ms_played", "source", "_kafka_partition", "_kafka_offset", "_ingested_at",
    ]
    static let columnDefinitions = """
        event_id uuid, user_id text, event_type text, track_id text, track_name text, artist_name text, \
        album_name text, duration_ms bigint, played_at timestamptz, device_type text, ms_played bigint, source text, \
        _kafka_partition int, _kafka_offset bigint, _ingested_at timestamptz
        """

    let eventID: UUID
    let userID: String
    let trackID: String
    let trackName: String
    let artistName: String
    let albumName: String?
    let durationMs: Int
    let playedAtMicros: Int64
    let deviceType: String?
    let msPlayed: Int?
    let partition: Int
    let offset: Int
    let ingestedAtMicros: Int64

    func write(to writer: PostgresCopyWriter) async throws {
        writer.append(eventID)
        writer.append(userID)
        writer.append("play")
        writer.append(trackID)
        writer.append(trackName)
        writer.append(artistName)
        writer.append(albumName)
        writer.append(durationMs)
        writer.append(timestampMicroseconds: playedAtMicros)
        writer.append(deviceType)
        writer.append(msPlayed)
        writer.append("simulator")
        writer.append(partition)
        writer.append(offset)
        writer.append(timestampMicroseconds: ingestedAtMicros)
        try await writer.endRow()
    }

    static func generate(count: Int) -> [PlayRow] {
        var random = SplitMix64(seed: 42)
        let tracks = (0..<5000).map { i in
            (id: String(format: "%022x", random.next() & 0xFFFF_FFFF_FFFF), name: trackNames[i % trackNames.count] + " \(i)",
             artist: artistNames[i % artistNames.count], album: i % 7 == 0 ? nil : "Album \(i / 12)")
        }
        let users = (0..<10_000).map { String(format: "user_%04d", $0) }
        let devices = ["desktop", "mobile", "tablet", "web", "speaker", "tv", "car", "other"]
        let start: Int64 = 1_763_424_000_000_000
        return (0..<count).map { i in
            let track = tracks[Int(random.next() % UInt64(tracks.count))]
            var uuid = UUID().uuid
            withUnsafeMutableBytes(of: &uuid) { bytes in
                var a = random.next(), b = random.next()
                withUnsafeBytes(of: &a) { bytes.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: 8) }
                withUnsafeBytes(of: &b) { (bytes.baseAddress! + 8).copyMemory(from: $0.baseAddress!, byteCount: 8) }
            }
            let duration = 90_000 + Int(random.next() % 300_000)
            return PlayRow(
                eventID: UUID(uuid: uuid), userID: users[Int(random.next() % UInt64(users.count))], trackID: track.id,
                trackName: track.name, artistName: track.artist, albumName: track.album, durationMs: duration,
                playedAtMicros: start + Int64(i) * 1_000_123, deviceType: i % 11 == 0 ? nil : devices[i % devices.count],
                msPlayed: i % 3 == 0 ? nil : duration / 2, partition: i % 6, offset: i / 6,
                ingestedAtMicros: start + Int64(i) * 1_000_123 + 2_500_000)
        }
    }

    /// The same rows as CSV, for psql; written once, outside the timed part.
    static func writeCSV(_ rows: [PlayRow], to path: String) throws {
        var text = ""
        text.reserveCapacity(rows.count * 220)
        func field(_ value: String?) -> String {
            guard let value else { return "" }
            if value.isEmpty || value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return value
        }
        func timestamp(_ micros: Int64) -> String {
            let date = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
            let seconds = micros / 1_000_000
            return "\(iso.string(from: date)).\(String(format: "%06d", micros - seconds * 1_000_000))+00"
        }
        for row in rows {
            let fields: [String?] = [
                row.eventID.uuidString.lowercased(), row.userID, "play", row.trackID, row.trackName, row.artistName,
                row.albumName, String(row.durationMs), timestamp(row.playedAtMicros), row.deviceType, row.msPlayed.map(String.init),
                "simulator", String(row.partition), String(row.offset), timestamp(row.ingestedAtMicros),
            ]
            text += fields.map(field).joined(separator: ",")
            text += "\n"
        }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    static let iso: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter
    }()

    static let trackNames = ["Blinding Lights", "Save Your Tears", "Levitating", "Déjà Vu", "Heat Waves", "Stay, Please", "As It Was", "Anti-Hero", "夜に駆ける", "\"Quoted\" Song", "Back\\slash Blues"]
    static let artistNames = ["The Weeknd", "Dua Lipa", "Beyoncé", "Glass Animals", "Harry Styles", "Taylor Swift", "YOASOBI", "Sigur Rós"]
}
