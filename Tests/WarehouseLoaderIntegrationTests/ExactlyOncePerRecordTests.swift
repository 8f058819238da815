import Foundation
import Lake
import Logging
import Postgres
import TestSupport
import Testing

@testable import WarehouseLoader

/// bronze holds each Kafka record once whatever files carry it: lake-writer's compacted files
/// (an hour's rolls in one file) and ranges written twice after a crash add nothing twice.
@Suite("warehouse-loader: each Kafka record once in bronze", .integration)
struct ExactlyOncePerRecordTests {
    func distinctRecords(_ context: LoaderTestContext) async throws -> Int {
        try await context.scalar("SELECT count(DISTINCT (_kafka_partition, _kafka_offset)) FROM \(identifier: context.schema).plays")
    }

    @Test("rolls, then the compacted file of the same records, then an overlapping replay: each record once")
    func compactedFileAddsNothing() async throws {
        let context = try LoaderTestContext()
        defer { Task { await context.tearDown() } }
        try await BronzeFileFixtures.put(context.lake, firstOffset: 0, rows: 100)
        try await BronzeFileFixtures.put(context.lake, firstOffset: 100, rows: 100)
        let rolls = try await context.loader.loadNew()
        #expect(rolls.rowsLoaded == 200)

        // The compacted file of both rolls (lake-writer deletes the rolls after writing it).
        let compacted = try await BronzeFileFixtures.put(context.lake, firstOffset: 0, rows: 200)
        let afterCompaction = try await context.loader.loadNew()
        #expect(afterCompaction.filesLoaded == [.init(key: compacted, rows: 0, rowsInFile: 200)])
        #expect(try await context.count("plays") == 200)

        // A replay after a crash cut the range differently: only offsets 200..249 are new.
        let replay = try await BronzeFileFixtures.put(context.lake, firstOffset: 150, rows: 100)
        let afterReplay = try await context.loader.loadNew()
        #expect(afterReplay.filesLoaded == [.init(key: replay, rows: 50, rowsInFile: 100)])
        #expect(try await context.count("plays") == 250)
        #expect(try await distinctRecords(context) == 250)

        let ledger: String = try await context.scalar("""
            SELECT string_agg(row_count || '/' || rows_added, ',' ORDER BY loaded_at, key) FROM \(identifier: context.schema).load_history
            WHERE key IN (\(compacted), \(replay))
            """)
        #expect(ledger == "200/0,100/50", "load_history keeps rows in the file and rows added")
    }

    @Test("rolls compacted while a run loads them: the same run finds the compacted file, nothing missing")
    func rollsCompactedDuringARun() async throws {
        let context = try LoaderTestContext()
        defer { Task { await context.tearDown() } }
        let first = try await BronzeFileFixtures.put(context.lake, firstOffset: 0, rows: 100)
        let second = try await BronzeFileFixtures.put(context.lake, firstOffset: 100, rows: 100)
        // lake-writer compacts both rolls right after the loader listed them, before it reads the second.
        let compacted = BronzeFileFixtures.key(dataset: "plays", topic: "user_plays", firstOffset: 0, rows: 200)
        let lake = CompactsBeforeGet(lake: context.lake, trigger: second) {
            try await BronzeFileFixtures.put(context.lake, firstOffset: 0, rows: 200)
            try await context.lake.delete(key: first)
            try await context.lake.delete(key: second)
        }
        let loader = WarehouseLoader(lake: lake, pool: context.pool, schema: context.schema, pollSeconds: 0, logger: Logger(label: "loader"))
        let report = try await loader.loadNew()
        #expect(report.rowsLoaded == 200)
        #expect(report.filesLoaded.last?.key == compacted, "the second listing found the compacted file: \(report.filesLoaded)")
        #expect(try await context.count("plays") == 200)
        #expect(try await distinctRecords(context) == 200)
    }

    @Test("the same records in another partition, or with other event ids at the same offsets, are new records")
    func keyIsPartitionOffsetAndEventID() async throws {
        let context = try LoaderTestContext()
        defer { Task { await context.tearDown() } }
        try await BronzeFileFixtures.put(context.lake, partition: 0, firstOffset: 0, rows: 50)
        try await BronzeFileFixtures.put(context.lake, partition: 1, firstOffset: 0, rows: 50)
        _ = try await context.loader.loadNew()
        #expect(try await context.count("plays") == 100)
        // A broker whose offsets started again: offsets 0..49 of partition 0 again, other events.
        _ = try await context.pool.withConnection { connection in
            try await connection.execute("UPDATE \(identifier: context.schema).plays SET event_id = event_id || '-old' WHERE _kafka_partition = 0")
        }
        let again = try await BronzeFileFixtures.put(context.lake, dataset: "plays", partition: 0, firstOffset: 0, rows: 49)
        let report = try await context.loader.loadNew()
        #expect(report.filesLoaded == [.init(key: again, rows: 49, rowsInFile: 49)])
        #expect(try await context.count("plays") == 149)
    }

    @Test("two loaders at once over overlapping files: each record once, no file quarantined")
    func concurrentLoadersOverOverlappingFiles() async throws {
        let context = try LoaderTestContext()
        defer { Task { await context.tearDown() } }
        try await context.loader.migrate()
        for first in stride(from: 0, to: 2_000, by: 200) {
            try await BronzeFileFixtures.put(context.lake, firstOffset: first, rows: 200)       // rolls
        }
        try await BronzeFileFixtures.put(context.lake, firstOffset: 0, rows: 2_000)           // their compaction
        try await BronzeFileFixtures.put(context.lake, firstOffset: 1_900, rows: 300)         // a replay past the end
        let second = WarehouseLoader(lake: context.lake, pool: PostgresConnectionPool(conninfo: context.postgresURL, size: 2, applicationName: "loader-2"),
                                     schema: context.schema, pollSeconds: 0, logger: Logger(label: "loader-2"))
        async let a = context.loader.loadNew()
        async let b = second.loadNew()
        let reports = try await [a, b]
        #expect(reports.allSatisfy { $0.failures.isEmpty }, "\(reports.map(\.failures))")
        #expect(reports.reduce(0) { $0 + $1.rowsLoaded } == 2_200)
        #expect(try await context.count("plays") == 2_200)
        #expect(try await distinctRecords(context) == 2_200)
        let loaded: Int = try await context.scalar("SELECT count(*) FROM \(identifier: context.schema).load_history WHERE status = 'loaded'")
        #expect(loaded == 12)
    }

    @Test("migration 3 removes copies of a record loaded before it, keeping one")
    func migrationRemovesEarlierCopies() async throws {
        let context = try LoaderTestContext()
        defer { Task { await context.tearDown() } }
        let migrator = SchemaMigrator(schema: context.schema, logger: .init(label: "test"))
        // Up to migration 2, the old ledger: two files of one range were both loaded.
        let before = SchemaMigrator(schema: context.schema, migrations: BronzeMigrations.all.filter { $0.version <= 2 }, logger: .init(label: "test"))
        try await before.migrate(context.pool)
        let s = context.schema
        try await context.pool.withConnection { connection in
            for (first, rows) in [(0, 100), (50, 100)] {
                let key = BronzeFileFixtures.key(dataset: "plays", topic: "user_plays", firstOffset: first, rows: rows)
                try await connection.execute("""
                    INSERT INTO \(identifier: s).plays (event_id, user_id, event_type, track_id, played_at, schema_version, _kafka_partition, _kafka_offset, _source_file)
                    SELECT format('00000000-0000-4000-8000-%s', lpad(to_hex(o), 12, '0')), 'u', 'play', 't', now(), 1, 0, o, \(key)
                    FROM generate_series(\(first), \(first + rows - 1)) AS o
                    """)
            }
        }
        #expect(try await context.count("plays") == 200)
        #expect(try await migrator.migrate(context.pool) == BronzeMigrations.all.map(\.version).filter { $0 > 2 })
        #expect(try await context.count("plays") == 150)
        #expect(try await distinctRecords(context) == 150)
        let kept: Int = try await context.scalar("SELECT count(*) FROM \(identifier: s).plays WHERE _source_file LIKE '%-0-99.parquet'")
        #expect(kept == 100, "the copies loaded first are the ones kept")
    }
}

/// A lake that runs `compaction` once, when `trigger` is first read, then reads on: the roll is
/// gone, as when lake-writer's compaction deletes it between the loader's listing and its GET.
private actor CompactsBeforeGet: LakeStorage {
    let lake: LocalLakeStorage
    let trigger: String
    var compaction: (@Sendable () async throws -> Void)?

    init(lake: LocalLakeStorage, trigger: String, compaction: @escaping @Sendable () async throws -> Void) {
        self.lake = lake
        self.trigger = trigger
        self.compaction = compaction
    }

    func get(key: String) async throws -> [UInt8] {
        if key == trigger, let run = compaction {
            compaction = nil
            try await run()
        }
        return try await lake.get(key: key)
    }

    func put(key: String, bytes: [UInt8]) async throws { try await lake.put(key: key, bytes: bytes) }
    func delete(key: String) async throws { try await lake.delete(key: key) }
    func list(prefix: String) async throws -> [LakeObject] { try await lake.list(prefix: prefix) }
    func checkReachable() async throws { try await lake.checkReachable() }
}
