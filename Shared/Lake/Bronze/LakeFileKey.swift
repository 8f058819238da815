/// A key the loader takes: any Parquet file in a dataset's folder,
/// `bronze/<dataset>/.../<name>.parquet`, whoever wrote it. lake-writer's own files also carry
/// their Kafka coordinates in the name (`BronzeFileKey`, which starts from this parse). Anything
/// else (temporary and hidden names, other layers, stray files) is not a bronze file.
public struct LakeFileKey: Sendable, Hashable {
    public let key: String
    public let dataset: BronzeDataset

    public init?(_ key: String) {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "bronze", let dataset = BronzeDataset(rawValue: String(parts[1])),
              let name = parts.last, name.hasSuffix(".parquet"), !name.hasPrefix("."), name.count > ".parquet".count
        else { return nil }
        self.key = key
        self.dataset = dataset
    }
}
