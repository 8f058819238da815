import Foundation

/// One file in the lake, as a listing reports it.
public struct LakeObject: Sendable, Hashable {
    /// Path relative to the lake root (`LAKE_URI`), e.g. `bronze/plays/year=2025/.../part-user_plays-0-0-99.parquet`.
    public let key: String
    public let size: Int
    /// S3's ETag, or for local files a fingerprint of size and modification time: it changes
    /// when the content is replaced, which is how a loader notices a rewritten file.
    public let fingerprint: String
    public let lastModified: Date

    public init(key: String, size: Int, fingerprint: String, lastModified: Date) {
        self.key = key
        self.size = size
        self.fingerprint = fingerprint
        self.lastModified = lastModified
    }
}
