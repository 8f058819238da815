/// Where bronze files live: a local folder or an S3 bucket (MinIO, moto, AWS).
///
/// Keys are relative to the lake root and use `/` separators. Implementations must be safe to
/// call from many tasks at once.
public protocol LakeStorage: Sendable {
    /// Stores `bytes` under `key` durably: when this returns, a crash cannot lose or truncate
    /// the object (local: written to a temporary name, fsynced, renamed; S3: the PUT or the
    /// multipart completion answered 200). Replaces an existing object.
    func put(key: String, bytes: [UInt8]) async throws

    /// The whole object.
    func get(key: String) async throws -> [UInt8]

    /// Removes the object; succeeds when it is already gone (local: unlinked and the folder
    /// synced; S3: DELETE answered 2xx, which S3 also answers for a missing key).
    func delete(key: String) async throws

    /// Every object whose key starts with `prefix`, all pages, in key order.
    func list(prefix: String) async throws -> [LakeObject]

    /// Succeeds when the lake can be written and read now (`/ready`).
    func checkReachable() async throws
}
