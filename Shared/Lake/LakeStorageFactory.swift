import Logging

/// `LAKE_URI` → the storage behind it, for every service that reads or writes the lake.
public enum LakeStorageFactory {
    /// Settings of the lake that cannot work (an S3 variable with a bad value, credentials half
    /// set); its description is the reason alone, for the one line a service exits with.
    public struct InvalidSettings: Error, CustomStringConvertible {
        public let description: String
    }

    public static func make(_ lake: LakeURI, environment: [String: String], logger: Logger) throws(InvalidSettings) -> any LakeStorage {
        switch lake {
        case let .file(path):
            return LocalLakeStorage(root: path)
        case let .s3(bucket, prefix):
            let configuration: S3Configuration
            do {
                configuration = try S3Configuration(bucket: bucket, prefix: prefix, environment: environment)
            } catch let error as LakeError {
                throw InvalidSettings(description: error.reason)
            } catch {
                throw InvalidSettings(description: "\(error)")
            }
            logger.info("S3 lake", metadata: ["region": "\(configuration.region)", "endpoint": "\(configuration.endpoint ?? "AWS")",
                                              "credentials": "\(configuration.credentials)"])
            return S3LakeStorage(configuration: configuration, logger: logger)
        }
    }
}
