import Foundation
import Lake
import Postgres
import TestSupport
import Testing

@testable import WarehouseLoader

@Suite("loading lake files into bronze", .integration)
struct LoadingTests {
    @Test("lake-writer files load with exact counts and values; a second load is a no-op")
    func lakeWriterFiles() async throws {
        let context = try LoaderTestContext()
        defer { Task { await context.tearDown() } }
        let first = try await BronzeFileFixtures.put(context.lake, rows: 1200)
        try await BronzeFileFixtures.put(context.lake, firstOffset: 1200, rows: 800)
        let nowPlaying = try await BronzeFileFixtures.put(context.lake, dataset: "now_playing", topic: "now_playing", eventType: "now_playing", rows: 10)
        try await context.lake.put(key: "bronze/plays/year=2025/notes.txt", bytes: Array("not parquet".utf8))

        let report = try await context.loader.loadNew()
        #expect(report.filesLoaded.count == 3)
        #expect(report.rowsLoaded == 2010)
        #expect(report.failures.isEmpty)
        #expect(try await context.count("plays") == 2000)
        #expect(try await context.count("currently_playing") == 10)
        #expect(try await context.count("skips") == 0)

        // Every value of every row as the file has it (text escaping, nulls, timestamps).
        let s = context.schema
        let mismatches: Int = try await context.scalar("""
            SELECT count(*) FROM \(identifier: s).plays WHERE
                event_id <> format('00000000-0000-4000-8000-%s', lpad(to_hex(_kafka_offset), 12, '0'))
                OR user_id <> 'user_' || (_kafka_offset % 97) OR event_type <> 'play' OR track_id <> 'track' || (_kafka_offset % 1013)
                OR played_at <> to_timestamp(1763474400) + (_kafka_offset * 1000001) * interval '1 microsecond'
                OR _ingested_at <> played_at + interval '2.5 seconds'
                OR _kafka_partition <> 0 OR schema_version <> 1
                OR (_kafka_offset % 5 = 4) <> (track_name IS NULL)
                OR (_kafka_offset % 5 <> 4 AND (
                    track_name <> 'Song ' || _kafka_offset || E'\\t"quoted" \\\\ back\\nslash ünïcode'
                    OR duration_ms <> 90000 + _kafka_offset OR ms_played <> _kafka_offset * 7 OR position_ms <> _kafka_offset * 3
                    OR album_image_url <> 'https://i.scdn.co/image/' || _kafka_offset OR device_type <> 'desktop'))
                OR (_kafka_offset % 5 = 4 AND (duration_ms IS NOT NULL OR device_type IS NOT NULL OR ms_played IS NOT NULL))
            """)
        #expect(mismatches == 0)
        let sources: Int = try await context.scalar("SELECT count(*) FROM \(identifier: s).plays WHERE _source_file = \(first)")
        #expect(sources == 1200)
        let history: Int = try await context.scalar(
            "SELECT count(*) FROM \(identifier: s).load_history WHERE status = 'loaded' AND row_count IS NOT NULL AND loaded_at IS NOT NULL")
        #expect(history == 3)
        let nowPlayingType: String = try await context.scalar("SELECT min(event_type) FROM \(identifier: s).currently_playing WHERE _source_file = \(nowPlaying)")
        #expect(nowPlayingType == "now_playing")

        let again = try await context.loader.loadNew()
        #expect(again.filesLoaded.isEmpty && again.failures.isEmpty)
        #expect(try await context.count("plays") == 2000)
    }

    @Test("discovery reads the ledger only for the files the listing found, not every row it ever wrote")
    func ledgerForListedKeysOnly() async throws {
        let context = try LoaderTestContext()
        defer { Task { await context.tearDown() } }
        let kept = try await BronzeFileFixtures.put(context.lake, rows: 10)
        let gone = try await BronzeFileFixtures.put(context.lake, firstOffset: 10, rows: 10)
        #expect(try await context.loader.loadNew().filesLoaded.count == 2)
        // As after a compaction: the roll is deleted from the lake, its ledger row stays.
        try await context.lake.delete(key: gone)
        let entries = try await context.pool.withConnection { connection in
            try await LoadHistory(schema: context.schema).entries(for: [kept, "bronze/plays/not-in-the-ledger.parquet"], connection)
        }
        #expect(Set(entries.keys) == [kept])
        #expect(entries[kept]?.status == .loaded)
        #expect(try await context.scalar("SELECT count(*) FROM \(identifier: context.schema).load_history", as: Int.self) == 2)
        #expect(try await context.loader.loadNew().filesLoaded.isEmpty, "nothing loads twice")
    }

    @Test("migrations are versioned and idempotent, also when instances start together")
    func migrations() async throws {
        let context = try LoaderTestContext()
        defer { Task { await context.tearDown() } }
        let migrator = SchemaMigrator(schema: context.schema, logger: .init(label: "test"))
        async let a = migrator.migrate(context.pool)
        async let b = migrator.migrate(context.pool)
        let applied = try await [a, b]
        #expect(applied.flatMap { $0 }.sorted() == BronzeMigrations.all.map(\.version))
        #expect(try await migrator.migrate(context.pool).isEmpty)
        let versions: Int = try await context.scalar("SELECT count(*) FROM \(identifier: context.schema).schema_migrations")
        #expect(versions == BronzeMigrations.all.count)
        let types: String = try await context.scalar("""
            SELECT string_agg(column_name || ':' || data_type, ',' ORDER BY ordinal_position) FROM information_schema.columns
            WHERE table_schema = \(context.schema) AND table_name = 'plays' AND column_name IN ('event_id', 'duration_ms', 'played_at', '_kafka_partition', '_loaded_at')
            """)
        #expect(types == "event_id:text,duration_ms:bigint,played_at:timestamp with time zone,_kafka_partition:integer,_loaded_at:timestamp with time zone")
        // dbt's incremental models read bronze by _loaded_at: every event table has the index.
        let indexed: Int = try await context.scalar("""
            SELECT count(*) FROM pg_indexes WHERE schemaname = \(context.schema) AND indexname LIKE '%\\_loaded\\_at\\_idx'
            """)
        #expect(indexed == BronzeDataset.allCases.count)
    }

    @Test("a loaded file whose content changes is reported and adds only the records bronze lacks")
    func changedFile() async throws {
        let context = try LoaderTestContext()
        defer { Task { await context.tearDown() } }
        let key = try await BronzeFileFixtures.put(context.lake, rows: 100)
        _ = try await context.loader.loadNew()
        // The same 100 Kafka records and 20 more under the same name (a replay that wrote more)
        try await context.lake.put(key: key, bytes: try BronzeFileFixtures.file(rows: 120))
        let report = try await context.loader.loadNew()
        #expect(report.changedFiles == [key])
        #expect(report.filesLoaded.map(\.rows) == [20])
        #expect(try await context.count("plays") == 120)
        let note: String = try await context.scalar("SELECT note FROM \(identifier: context.schema).load_history WHERE key = \(key)")
        #expect(note.contains("content changed"))
        let again = try await context.loader.loadNew()
        #expect(again.changedFiles.isEmpty, "reported once")
        #expect(again.filesLoaded.isEmpty, "loaded once per content")
        #expect(await context.loader.status().changedFiles == [key])
    }

    @Test("a broker whose offsets started again reuses a loaded file's name: its new records are loaded")
    func reusedName() async throws {
        let context = try LoaderTestContext()
        defer { Task { await context.tearDown() } }
        let key = try await BronzeFileFixtures.put(context.lake, rows: 50)
        _ = try await context.loader.loadNew()
        // Same partition and offsets, other events
        try await context.lake.put(key: key, bytes: try BronzeFileFixtures.file(rows: 50, brokerGeneration: 1))
        let report = try await context.loader.loadNew()
        #expect(report.changedFiles == [key])
        #expect(report.filesLoaded.map(\.rows) == [50])
        #expect(try await context.count("plays") == 100)
    }
}
