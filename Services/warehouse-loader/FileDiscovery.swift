import Lake

/// Lists bronze files and decides which ones need loading.
struct FileDiscovery: Sendable {
    let lake: any LakeStorage

    /// Every bronze Parquet file, in one listing (one paginated walk on S3).
    func list() async throws -> [(LakeFileKey, LakeObject)] {
        try await lake.list(prefix: "bronze/").compactMap { object in
            LakeFileKey(object.key).map { ($0, object) }
        }
    }

    static func classify(
        _ files: [(LakeFileKey, LakeObject)], history: [String: LoadHistoryEntry], retryFailed: Bool
    ) -> DiscoveryResult {
        var result = DiscoveryResult()
        for (key, object) in files {
            let file = PendingFile(object, dataset: key.dataset)
            guard let entry = history[object.key] else {
                result.pending.append(file)
                continue
            }
            let same = entry.fingerprint == object.fingerprint
            switch entry.status {
            case .loaded where !same:
                // Rewritten since it was loaded (a broker whose offsets started again reusing the
                // name, a replay after a crash): loaded again, which adds only the records bronze
                // does not hold (bronze is once per Kafka record), and reported the first time.
                result.pending.append(file)
                if entry.changedFingerprint != object.fingerprint { result.newlyChanged.append(file) }
            case .loaded:
                break
            case .failed where same && !retryFailed:
                result.quarantined += 1
            case .failed:
                result.pending.append(file)
            }
        }
        return result
    }
}
