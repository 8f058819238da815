/// A lake key the loader takes: `bronze/<dataset>/.../<name>.parquet`. Anything else (temporary
/// names, other layers, stray files) is not a bronze file and is ignored.
struct LakeFileKey: Sendable, Hashable {
    let key: String
    let dataset: BronzeDataset

    init?(_ key: String) {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "bronze", let dataset = BronzeDataset(rawValue: String(parts[1])),
              let name = parts.last, name.hasSuffix(".parquet"), !name.hasPrefix("."), name.count > ".parquet".count
        else { return nil }
        self.key = key
        self.dataset = dataset
    }
}
