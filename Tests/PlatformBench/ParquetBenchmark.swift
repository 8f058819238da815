import ArgumentParser
import Foundation
import Lake
import Parquet

/// `platform-bench parquet`: encodes and decodes SPEC-shaped listening events with this project's
/// Parquet library and with pyarrow on the same machine, and measures the writer's memory.
struct ParquetBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet",
        abstract: "Parquet encode/decode throughput and file size vs pyarrow, and writer peak memory."
    )

    @Option(help: "Events per file.") var rows = 1_000_000
    @Option(help: "Timed runs per measurement (the median is reported).") var runs = 3
    @Option(help: "Python with pyarrow (default: $STACK_PYTHON).") var python: String?
    @Option(help: "Row-group size (rows) for the memory measurement.") var memoryRowGroupRows = 100_000
    @Option(help: "Internal: write --rows events to this path and print peak RSS figures.") var childWrite: String?
    @Option(help: "Internal: row-group size (rows) for --child-write.") var childRowGroupRows = 1_048_576

    func run() async throws {
        if let path = childWrite {
            try childWriter(path: path)
            return
        }
        guard let python = python ?? ProcessInfo.processInfo.environment["STACK_PYTHON"], !python.isEmpty else {
            throw ValidationError("no Python: pass --python or set STACK_PYTHON (a Python with pyarrow)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parquet-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ours = dir.appendingPathComponent("ours.parquet").path
        let theirs = dir.appendingPathComponent("pyarrow.parquet").path

        print("Generating \(rows) events (\(ParquetBenchEvents.schema.count) columns)...")
        let batch = ParquetBenchEvents.batch(start: 0, count: rows)
        var options = ParquetWriterOptions()
        options.compression = .snappy
        options.dictionaryEnabled = true

        // pyarrow runs as a long-lived child that times one operation per request, so that each of
        // our runs is paired with one of pyarrow's under the same machine load (the medians of
        // interleaved runs are compared: this machine is shared).
        let fileWriter = try ParquetWriter(schema: ParquetBenchEvents.schema, sink: ParquetFileSink(path: ours), options: options)
        try fileWriter.write(columns: batch)
        try fileWriter.close()
        let stringColumns = ParquetBenchEvents.schema.columns.filter { $0.type == .string }.map(\.name)
        let peer = try ParquetPyArrowPeer(
            python: python, script: Self.pythonScript, arguments: [ours, theirs, stringColumns.joined(separator: ",")])
        defer { peer.stop() }

        // Encode: column batches in, a file out (pyarrow also writes a file).
        var fileSize: Int64 = 0
        let encodePath = dir.appendingPathComponent("ours-timed.parquet").path
        let encode = try paired(peer, "write") {
            let writer = try ParquetWriter(schema: ParquetBenchEvents.schema, sink: ParquetFileSink(path: encodePath), options: options)
            try writer.write(columns: batch)
            fileSize = try writer.close().fileSize
        }
        let pySize = try peer.call("size")

        // Decode: every column of each file into typed columns, in parallel like pyarrow's
        // default, and on one thread (against pyarrow's use_threads=False).
        func readAll(_ path: String) throws { _ = try ParquetReader(path: path).readColumns() }
        func readAllOneThread(_ path: String) throws {
            let reader = try ParquetReader(path: path)
            for i in 0..<reader.schema.count { _ = try reader.readColumn(at: i) }
        }
        let decodeTheirs = try paired(peer, "read_theirs") { try readAll(theirs) }
        let decodeTheirsOneThread = try paired(peer, "read_theirs_1") { try readAllOneThread(theirs) }
        let decodeOurs = try paired(peer, "read_ours") { try readAll(ours) }

        // The row-at-a-time API, including building each row's enums (one run: indicative).
        let rowTime = try Bench.time(runs: 1, warmup: 0) {
            let writer = try ParquetWriter(schema: ParquetBenchEvents.schema, sink: ParquetMemorySink(capacity: 64 << 20), options: options)
            var row = [ParquetValue]()
            row.reserveCapacity(batch.count)
            for i in 0..<rows {
                row.removeAll(keepingCapacity: true)
                for column in batch { row.append(column[i]) }
                try writer.write(row: row)
            }
            try writer.close()
        }[0]

        let n = Double(rows)
        print("")
        Bench.report(title: "Parquet encode, \(rows) events, snappy + dictionary strings", unit: "rows/s",
                     ours: ("parquet-swift (column batches)", n / encode.ours),
                     reference: ("pyarrow write_table", n / encode.reference), aim: "≥ 0.5")
        print(String(format: "  parquet-swift row API (incl. building rows)  %10.0f rows/s", n / rowTime))
        Bench.report(title: "Parquet file size", unit: "bytes",
                     ours: ("parquet-swift", Double(fileSize)), reference: ("pyarrow", pySize), aim: "≤ 1.10")
        Bench.report(title: "Parquet decode of the pyarrow-written file (all columns)", unit: "rows/s",
                     ours: ("parquet-swift readColumns", n / decodeTheirs.ours),
                     reference: ("pyarrow read_table (default threads)", n / decodeTheirs.reference), aim: "≥ 0.5")
        Bench.report(title: "Parquet decode of the pyarrow-written file, one thread", unit: "rows/s",
                     ours: ("parquet-swift readColumn × n", n / decodeTheirsOneThread.ours),
                     reference: ("pyarrow read_table use_threads=False", n / decodeTheirsOneThread.reference), aim: "≥ 0.5")
        Bench.report(title: "Parquet decode of the parquet-swift-written file (all columns)", unit: "rows/s",
                     ours: ("parquet-swift readColumns", n / decodeOurs.ours),
                     reference: ("pyarrow read_table (default threads)", n / decodeOurs.reference), aim: "≥ 0.5")

        // Bounded means: the same row-group size gives the same growth for twice the rows.
        print("== Parquet writer peak memory (child process writing to a file; RSS growth from writer creation to close)")
        for (fileRows, groupRows) in [(rows, memoryRowGroupRows), (2 * rows, memoryRowGroupRows), (rows, max(rows, 1))] {
            let out = try runChild(path: dir.appendingPathComponent("mem-\(fileRows)-\(groupRows).parquet").path,
                                   rows: fileRows, rowGroupRows: groupRows)
            print(String(format: "  %8d rows, row-group limit %8d rows: RSS growth %6.1f MiB, file %6.1f MiB, %2d row groups",
                         fileRows, groupRows, out["growth"]! / 1_048_576, out["file"]! / 1_048_576, Int(out["groups"]!)))
        }
    }

    // MARK: child mode

    private func childWriter(path: String) throws {
        var options = ParquetWriterOptions()
        options.rowGroupMaxRows = childRowGroupRows
        let before = Bench.peakRSS()
        let writer = try ParquetWriter(schema: ParquetBenchEvents.schema, sink: ParquetFileSink(path: path), options: options)
        var start = 0
        while start < rows {
            let count = min(10_000, rows - start)
            try writer.write(columns: ParquetBenchEvents.batch(start: start, count: count))
            start += count
        }
        let meta = try writer.close()
        let growth = Bench.peakRSS() - before
        print("{\"growth\": \(growth), \"file\": \(meta.fileSize), \"groups\": \(meta.rowGroups.count)}")
    }

    private func runChild(path: String, rows: Int, rowGroupRows: Int) throws -> [String: Double] {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let output = try Bench.output(of: executable, ["parquet", "--rows", "\(rows)", "--child-write", path, "--child-row-group-rows", "\(rowGroupRows)"])
        guard let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Double] else {
            throw ValidationError("unexpected child output: \(output)")
        }
        return json
    }

    /// Medians of `runs` interleaved timings of `body` and of pyarrow's `op` (after one warm-up each).
    private func paired(_ peer: ParquetPyArrowPeer, _ op: String, _ body: () throws -> Void) throws -> (ours: Double, reference: Double) {
        try body()
        _ = try peer.call(op)
        var ours: [Double] = [], reference: [Double] = []
        for _ in 0..<runs {
            ours.append(try Bench.time(runs: 1, warmup: 0, body)[0])
            reference.append(try peer.call(op))
        }
        return (Bench.median(ours), Bench.median(reference))
    }

    /// Reads one operation name per line and answers with its duration in seconds.
    static let pythonScript = #"""
import os, sys, time
import pyarrow as pa, pyarrow.parquet as pq

ours, theirs, string_columns = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
table = pq.read_table(ours)
ops = {
    "write": lambda: pq.write_table(table, theirs, compression="snappy", use_dictionary=string_columns,
                                    row_group_size=1024 * 1024),
    "read_theirs": lambda: pq.read_table(theirs),
    "read_theirs_1": lambda: pq.read_table(theirs, use_threads=False),
    "read_ours": lambda: pq.read_table(ours),
}
print("ready", flush=True)
for line in sys.stdin:
    op = line.strip()
    if op == "size":
        print(os.path.getsize(theirs), flush=True)
        continue
    start = time.perf_counter()
    ops[op]()
    print(time.perf_counter() - start, flush=True)
"""#
}

/// A Python process answering timing requests line by line over pipes.
final class ParquetPyArrowPeer {
    private let process = Process()
    private let input = Pipe(), output = Pipe()
    private var buffer = Data()

    init(python: String, script: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        guard try readLine() == "ready" else { throw ValidationError("pyarrow helper did not start") }
    }

    func call(_ op: String) throws -> Double {
        input.fileHandleForWriting.write(Data((op + "\n").utf8))
        let line = try readLine()
        guard let value = Double(line) else { throw ValidationError("pyarrow helper answered '\(line)' to \(op)") }
        return value
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    private func readLine() throws -> String {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw ValidationError("pyarrow helper exited (see its stderr above)") }
            buffer.append(chunk)
        }
    }
}

/// Deterministic SPEC-shaped events (the lake's bronze columns), generated column-wise.
enum ParquetBenchEvents {
    static let schema = BronzeParquetSchema.schema

    static let eventTypes = ["play", "play", "play", "play", "skip", "like", "now_playing"]
    static let devices = ["desktop", "mobile", "tablet", "web", "speaker", "tv", "car", "other"]
    static let contexts = ["playlist", "album", "artist", "radio", "search", "other"]
    static let sources = ["simulator", "spotify_recently_played", "spotify_currently_playing", "api"]
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// A stable pseudo-random number for (row, salt).
    @inline(__always) static func mix(_ x: UInt64, _ salt: UInt64) -> UInt64 {
        var z = x &* 0x9E37_79B9_7F4A_7C15 &+ salt &* 0xD1B5_4A32_D192_ED03
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func base62(_ value: UInt64, length: Int) -> String {
        var v = value
        var bytes = [UInt8](repeating: 0, count: length)
        for i in 0..<length { bytes[i] = alphabet[Int(v % 62)]; v = v / 62 &+ mix(v, UInt64(i)) % 7 }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func batch(start: Int, count: Int) -> [ParquetColumnData] {
        var eventID = [String?](), userID = [String?](), eventType = [String?](), trackID = [String?]()
        var trackName = [String?](), artistName = [String?](), albumName = [String?](), device = [String?]()
        var context = [String?](), artistID = [String?](), albumID = [String?](), imageURL = [String?](), source = [String?]()
        var duration = [Int64?](), playedAt = [Int64?](), msPlayed = [Int64?](), position = [Int64?]()
        var version = [Int64?](), partition = [Int32?](), offset = [Int64?](), ingested = [Int64?]()
        let base: Int64 = 1_763_475_795_000_000  // 2025-11-18T14:23:15Z
        for row in start..<(start + count) {
            let r = UInt64(row)
            let h = mix(r, 1)
            let track = Int(mix(r, 2) % 50_000)
            let artist = track % 4_000
            let album = track % 12_000
            let type = eventTypes[Int(h % UInt64(eventTypes.count))]
            let trackKey = UInt64(track)
            let uuid = String(format: "%08x-%04x-4%03x-%04x-%012llx", UInt32(truncatingIfNeeded: h), UInt16(truncatingIfNeeded: h >> 32),
                              UInt16(truncatingIfNeeded: h >> 48) & 0xFFF, UInt16(truncatingIfNeeded: mix(r, 3)) & 0x3FFF | 0x8000,
                              mix(r, 4) & 0xFFFF_FFFF_FFFF)
            eventID.append(uuid)
            userID.append("user_\(String(mix(r, 5) % 10_000, radix: 10))")
            eventType.append(type)
            trackID.append(base62(mix(trackKey, 6), length: 22))
            let isPlay = type == "play"
            trackName.append(isPlay || h % 3 == 0 ? "Track \(track) – \(["Love", "Night", "Lights", "Dance", "Blue"][track % 5])" : nil)
            artistName.append(isPlay || h % 3 == 0 ? "Artist \(artist)" : nil)
            albumName.append(h % 10 < 8 ? "Album \(album) (Deluxe)" : nil)
            duration.append(isPlay ? 120_000 + Int64(mix(trackKey, 7) % 240_000) : nil)
            playedAt.append(base + Int64(row) * 3_000_000 / 10 + Int64(h % 1_000_000))
            device.append(h % 7 == 0 ? nil : devices[Int(mix(r, 8) % 8)])
            msPlayed.append(isPlay ? Int64(mix(r, 9) % 300_000) : nil)
            position.append(type == "skip" ? Int64(mix(r, 10) % 200_000) : nil)
            context.append(h % 5 == 0 ? nil : contexts[Int(mix(r, 11) % 6)])
            artistID.append(h % 4 == 0 ? nil : base62(mix(UInt64(artist), 12), length: 22))
            albumID.append(h % 4 == 0 ? nil : base62(mix(UInt64(album), 13), length: 22))
            imageURL.append(h % 4 == 0 ? nil : "https://i.scdn.co/image/ab67616d0000b273\(base62(mix(UInt64(album), 14), length: 24))")
            source.append(sources[Int(mix(r, 15) % 4)])
            version.append(1)
            partition.append(Int32(mix(r, 16) % 6))
            offset.append(Int64(row / 6))
            ingested.append(base + Int64(row) * 300_000 + 2_000_000)
        }
        return [
            .strings(eventID), .strings(userID), .strings(eventType), .strings(trackID), .strings(trackName),
            .strings(artistName), .strings(albumName), .int64s(duration), .timestamps(playedAt), .strings(device),
            .int64s(msPlayed), .int64s(position), .strings(context), .strings(artistID), .strings(albumID),
            .strings(imageURL), .strings(source), .int64s(version), .int32s(partition), .int64s(offset), .timestamps(ingested),
        ]
    }
}
