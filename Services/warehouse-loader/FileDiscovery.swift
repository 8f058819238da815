import Lake

/// Lists bronze files and decides which ones need loading.
struct FileDiscovery: Sendable {
    let lake: any LakeStorage

    func list() async throws -> [(LakeFileKey, LakeObject)] {
        var files: [(LakeFileKey, LakeObject)] = []
        for dataset in BronzeDataset.allCases {
            for object in try await lake.list(prefix: dataset.lakePrefix) {
                // The dataset comes from the key itself, so a key listed under a prefix that
                // happens to match another folder's start is never misfiled.
                guard let key = LakeFileKey(object.key), key.dataset == dataset else { continue }
                files.append((key, object))
            }
        }
        return files
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
            case .loaded where !same && entry.changedFingerprint != object.fingerprint:
                result.newlyChanged.append(file)
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
