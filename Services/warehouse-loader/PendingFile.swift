import Lake

/// A lake file that discovery decided to load.
struct PendingFile: Sendable, Hashable {
    let key: String
    let dataset: BronzeDataset
    let size: Int
    let fingerprint: String

    init(_ object: LakeObject, dataset: BronzeDataset) {
        key = object.key
        self.dataset = dataset
        size = object.size
        fingerprint = object.fingerprint
    }
}
