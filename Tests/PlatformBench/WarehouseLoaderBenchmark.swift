import ArgumentParser
import Foundation
import Parquet
import Postgres

/// `platform-bench warehouse-loader`: the built `warehouse-loader load` loading lake files of
/// play events into bronze.plays, vs. `psql \copy` of the same rows as CSV into the same table
/// (same indexes); reports median rows/s of each, wall clock including process start.
struct WarehouseLoaderBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warehouse-loader",
        abstract: "warehouse-loader (lake Parquet -> bronze) vs. psql \\copy of the same rows as CSV."
    )

    @Option(help: "libpq conninfo or URI (default: $POSTGRES_URL).")
    var url: String?

    @Option(help: "Rows in total.")
    var rows = 1_000_000

    @Option(help: "Lake files the rows are split into.")
    var files = 10

    @Option(help: "Timed runs of each side (after one untimed warm-up run).")
    var runs = 3

    @Option(help: "The warehouse-loader executable (default: next to this one).")
    var executable: String?

    @Option(help: "psql executable.")
    var psql = "/usr/bin/psql"

    func run() async throws {
        guard let url = url ?? ProcessInfo.processInfo.environment["POSTGRES_URL"], !url.isEmpty else {
            throw ValidationError("pass --url or set POSTGRES_URL")
        }
        let loader = executable ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("warehouse-loader").path
        guard FileManager.default.isExecutableFile(atPath: loader) else { throw ValidationError("no executable at \(loader); pass --executable") }
        let schema = "bench_bronze_\(UInt32.random(in: 0...UInt32.max))"
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(schema).path
        defer { try? FileManager.default.removeItem(atPath: work) }
        try LakeFiles.write(rows: rows, files: files, root: work + "/lake")
        let environment = ProcessInfo.processInfo.environment.merging([
            "POSTGRES_URL": url, "LAKE_URI": "file://\(work)/lake", "WAREHOUSE_LOADER_SCHEMA": schema, "LOG_LEVEL": "warning",
        ]) { _, new in new }
        let connection = try await PostgresConnection.connect(to: url)
        do {
            try await measure(connection, url: url, schema: schema, loader: loader, environment: environment, csv: work + "/plays.csv")
        } catch {
            try? await connection.executeScript("DROP SCHEMA IF EXISTS \(schema) CASCADE")
            throw error
        }
        try await connection.executeScript("DROP SCHEMA IF EXISTS \(schema) CASCADE")
        await connection.close()
    }

    private func measure(
        _ connection: PostgresConnection, url: String, schema: String, loader: String, environment: [String: String], csv: String
    ) async throws {
        func reset() async throws { try await connection.executeScript("TRUNCATE \(schema).plays, \(schema).load_history") }
        func verify() async throws {
            let count = try await connection.query("SELECT count(*) FROM \(identifier: schema).plays")[0].decode(0, as: Int.self)
            guard count == rows else { throw ValidationError("expected \(rows) rows in \(schema).plays, found \(count)") }
        }
        var ours: [Double] = []
        var reference: [Double] = []
        for run in 0...runs {
            if run > 0 { try await reset() }
            let start = ContinuousClock.now
            try Self.spawn(loader, ["load"], environment: environment)
            let oursSeconds = (ContinuousClock.now - start).seconds
            try await verify()
            if run == 0 {
                // The same rows as CSV (what was just loaded), for psql; outside the timed part.
                try Self.spawn(psql, [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "\\copy (SELECT \(Self.columns) FROM \(schema).plays) TO '\(csv)' WITH (FORMAT csv)"])
            }
            try await reset()
            let psqlStart = ContinuousClock.now
            try Self.spawn(psql, [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "\\copy \(schema).plays (\(Self.columns)) FROM '\(csv)' WITH (FORMAT csv)"])
            let psqlSeconds = (ContinuousClock.now - psqlStart).seconds
            try await verify()
            if run > 0 {
                ours.append(oursSeconds)
                reference.append(psqlSeconds)
            }
            print(String(format: "  run %d: warehouse-loader %.3f s, psql %.3f s%@", run, oursSeconds, psqlSeconds, run == 0 ? " (warm-up)" : ""))
        }
        Bench.report(
            title: "load \(rows) play rows from \(files) lake files into bronze.plays (median of \(runs) runs)", unit: "rows/s",
            ours: ("warehouse-loader load (Parquet)", Double(rows) / Bench.median(ours)),
            reference: ("psql \\copy (csv file)", Double(rows) / Bench.median(reference)),
            aim: ">= 0.7")
    }

    static let columns = LakeFiles.schema.columns.map(\.name).joined(separator: ", ") + ", _source_file"

    private static func spawn(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("\(executable) \(arguments.first ?? "") exited with \(process.terminationStatus)") }
    }
}

/// Lake-writer-shaped play files (SPEC "Lake layout") with varied, realistic values.
private enum LakeFiles {
    static let schema = try! ParquetSchema(
        ["event_id", "user_id", "event_type", "track_id", "track_name", "artist_name", "album_name"].map { ParquetColumn(name: $0, type: .string, nullable: $0 == "album_name") }
            + [ParquetColumn(name: "duration_ms", type: .int64, nullable: false),
               ParquetColumn(name: "played_at", type: .timestamp(.micros), nullable: false),
               ParquetColumn(name: "device_type", type: .string, nullable: true),
               ParquetColumn(name: "ms_played", type: .int64, nullable: true),
               ParquetColumn(name: "source", type: .string, nullable: true),
               ParquetColumn(name: "schema_version", type: .int64, nullable: false),
               ParquetColumn(name: "_kafka_partition", type: .int32, nullable: false),
               ParquetColumn(name: "_kafka_offset", type: .int64, nullable: false),
               ParquetColumn(name: "_ingested_at", type: .timestamp(.micros), nullable: false)])

    static func write(rows: Int, files: Int, root: String) throws {
        let perFile = (rows + files - 1) / files
        let devices = ["desktop", "mobile", "tablet", "web", "speaker", "tv", "car", "other"]
        let start: Int64 = 1_763_424_000_000_000
        for file in 0..<files {
            let range = (file * perFile)..<min(rows, (file + 1) * perFile)
            guard !range.isEmpty else { continue }
            let offsets = range.map { Int64($0) }
            let columns: [ParquetColumnData] = [
                .strings(offsets.map { UUID(uuidString: String(format: "6f1c1a0e-2b9f-4d3e-9a51-%012llx", $0))!.uuidString.lowercased() }),
                .strings(offsets.map { String(format: "user_%04d", ($0 &* 7919) % 10_000) }),
                .strings(offsets.map { _ in "play" }),
                .strings(offsets.map { String(format: "%022llx", ($0 &* 104_729) % 5000) }),
                .strings(offsets.map { "Track \(($0 &* 104_729) % 5000), \"live\"" }),
                .strings(offsets.map { "Artist \(($0 &* 104_729) % 5000 / 12)" }),
                .strings(offsets.map { $0 % 7 == 0 ? nil : "Album \(($0 &* 104_729) % 5000 / 10)" }),
                .int64s(offsets.map { 90_000 + ($0 &* 31) % 300_000 }),
                .timestamps(offsets.map { start + $0 * 1_000_123 }),
                .strings(offsets.map { $0 % 11 == 0 ? nil : devices[Int($0 % 8)] }),
                .int64s(offsets.map { $0 % 3 == 0 ? nil : 45_000 + ($0 &* 31) % 150_000 }),
                .strings(offsets.map { _ in "simulator" }),
                .int64s(offsets.map { _ in 1 }),
                .int32s(offsets.map { Int32($0 % 6) }),
                .int64s(offsets.map { $0 / 6 }),
                .timestamps(offsets.map { start + $0 * 1_000_123 + 2_500_000 }),
            ]
            let path = root + "/bronze/plays/year=2025/month=11/day=18/hour=00/part-user_plays-\(file)-\(range.lowerBound)-\(range.upperBound - 1).parquet"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let writer = try ParquetWriter(schema: schema, sink: try ParquetFileSink(path: path))
            try writer.write(columns: columns)
            _ = try writer.close()
        }
    }
}
