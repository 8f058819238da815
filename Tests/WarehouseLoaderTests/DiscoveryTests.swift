import Foundation
import Lake
import ServiceRuntime
import Testing

@testable import WarehouseLoader

@Suite("discovery and configuration (no servers)")
struct DiscoveryTests {
    @Test("only .parquet files under bronze/<plays|skips|likes|now_playing>/ are taken", arguments: [
        ("bronze/plays/year=2025/month=11/day=18/hour=14/part-user_plays-0-0-9.parquet", BronzeDataset.plays),
        ("bronze/now_playing/year=2025/month=11/day=18/hour=14/part-now_playing-1-0-9.parquet", .nowPlaying),
        ("bronze/likes/x.parquet", .likes),
    ])
    func accepted(key: String, dataset: BronzeDataset) {
        #expect(LakeFileKey(key)?.dataset == dataset)
    }

    @Test("other keys are ignored", arguments: [
        "bronze/plays/year=2025/notes.txt", "bronze/plays/.tmp-123-part.parquet", "silver/plays/a.parquet",
        "bronze/podcasts/a.parquet", "bronze/plays.parquet", "bronze/plays/.parquet",
    ])
    func ignored(key: String) {
        #expect(LakeFileKey(key) == nil)
    }

    @Test("new, rewritten and changed-after-failure files are pending; loaded ones are skipped; rewrites reported once")
    func classify() {
        func object(_ name: String, _ fingerprint: String) -> (LakeFileKey, LakeObject) {
            let key = "bronze/plays/\(name).parquet"
            return (LakeFileKey(key)!, LakeObject(key: key, size: 10, fingerprint: fingerprint, lastModified: Date()))
        }
        func entry(_ name: String, _ fingerprint: String, _ status: LoadHistoryEntry.Status, changed: String? = nil) -> (String, LoadHistoryEntry) {
            let key = "bronze/plays/\(name).parquet"
            return (key, LoadHistoryEntry(key: key, fingerprint: fingerprint, status: status, changedFingerprint: changed))
        }
        let files = [object("new", "a"), object("loaded", "a"), object("rewritten", "b"), object("reported", "c"),
                     object("bad", "a"), object("fixed", "b")]
        let history = Dictionary(uniqueKeysWithValues: [
            entry("loaded", "a", .loaded), entry("rewritten", "a", .loaded), entry("reported", "a", .loaded, changed: "c"),
            entry("bad", "a", .failed), entry("fixed", "a", .failed),
        ])
        let found = FileDiscovery.classify(files, history: history, retryFailed: false)
        // a rewritten file is loaded again (only records bronze lacks are added), also one
        // reported before but not loaded again since (a ledger from an older loader)
        #expect(found.pending.map(\.key) == ["bronze/plays/new.parquet", "bronze/plays/rewritten.parquet",
                                              "bronze/plays/reported.parquet", "bronze/plays/fixed.parquet"])
        #expect(found.newlyChanged.map(\.key) == ["bronze/plays/rewritten.parquet"])
        #expect(found.quarantined == 1)
        let retry = FileDiscovery.classify(files, history: history, retryFailed: true)
        #expect(retry.pending.map(\.key) == ["bronze/plays/new.parquet", "bronze/plays/rewritten.parquet",
                                              "bronze/plays/reported.parquet", "bronze/plays/bad.parquet", "bronze/plays/fixed.parquet"])
    }

    @Test("configuration: poll interval defaults to 10 s, 0 turns continuous mode off; schema names are checked")
    func configuration() throws {
        let base = ["POSTGRES_URL": "postgresql://x@127.0.0.1/spotify_data", "LAKE_URI": "file:///tmp/lake"]
        let defaults = try WarehouseLoaderConfiguration(ServiceEnvironment(base))
        #expect(defaults.pollSeconds == 10 && defaults.schema == "bronze" && defaults.port == 8083)
        #expect(try WarehouseLoaderConfiguration(ServiceEnvironment(base.merging(["WAREHOUSE_LOADER_POLL_SECONDS": "0"]) { $1 })).pollSeconds == 0)
        #expect(throws: ConfigurationError.self) {
            try WarehouseLoaderConfiguration(ServiceEnvironment(base.merging(["WAREHOUSE_LOADER_POLL_SECONDS": "-1"]) { $1 }))
        }
        #expect(throws: ConfigurationError.self) {
            try WarehouseLoaderConfiguration(ServiceEnvironment(base.merging(["WAREHOUSE_LOADER_SCHEMA": "bronze; drop"]) { $1 }))
        }
    }
}
