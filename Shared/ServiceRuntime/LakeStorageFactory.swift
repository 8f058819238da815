import Lake
import Logging

/// `LAKE_URI` → the storage behind it, for every service that reads or writes the lake.
public enum LakeStorageFactory {
    public static func make(_ lake: LakeURI, environment: [String: String], logger: Logger) throws -> any LakeStorage {
        switch lake {
        case let .file(path):
            return LocalLakeStorage(root: path)
        case let .s3(bucket, prefix):
            do {
                let configuration = try S3Configuration(bucket: bucket, prefix: prefix, environment: environment)
                logger.info("S3 lake", metadata: ["region": "\(configuration.region)", "endpoint": "\(configuration.endpoint ?? "AWS")",
                                                  "credentials": "\(configuration.credentials)"])
                return S3LakeStorage(configuration: configuration, logger: logger)
            } catch let error as LakeError {
                throw ConfigurationError(variable: "LAKE_URI", value: lake.description, expected: error.reason)
            }
        }
    }
}
