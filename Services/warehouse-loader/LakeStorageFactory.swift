import Lake
import ServiceRuntime

/// The lake behind `LAKE_URI`.
enum LakeStorageFactory {
    static func make(_ uri: LakeURI) throws -> any LakeStorage {
        switch uri {
        case .file(let path):
            return LocalLakeStorage(root: path)
        case .s3:
            // S3LakeStorage is being added to Shared/Lake; until it lands an s3:// lake is refused
            // at start-up rather than failing on the first poll.
            throw ConfigurationError(variable: "LAKE_URI", value: uri.description, expected: "a file:/// lake (S3 support is pending in Shared/Lake)")
        }
    }
}
