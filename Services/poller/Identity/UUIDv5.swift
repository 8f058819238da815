import Foundation

/// Name-based UUIDs, version 5 (RFC 9562 §5.5): the same namespace and name always give the
/// same UUID, which is what makes a play fetched twice one event downstream.
enum UUIDv5 {
    /// The RFC's URL namespace, used by the RFC's own examples.
    static let urlNamespace = UUID(uuidString: "6ba7b811-9dad-11d1-80b4-00c04fd430c8")!

    /// The poller's own namespace (a v5 UUID of its URL in the URL namespace), so its ids
    /// cannot collide with name-based ids another producer derives from the same strings.
    static let pollerNamespace = make(namespace: urlNamespace, name: "https://github.com/listening-platform/poller")

    static func make(namespace: UUID, name: String) -> UUID {
        let namespaceBytes = withUnsafeBytes(of: namespace.uuid) { Array($0) }
        var hash = SHA1.digest(namespaceBytes + Array(name.utf8))
        hash[6] = (hash[6] & 0x0F) | 0x50  // version 5
        hash[8] = (hash[8] & 0x3F) | 0x80  // RFC variant
        return UUID(uuid: (hash[0], hash[1], hash[2], hash[3], hash[4], hash[5], hash[6], hash[7],
                           hash[8], hash[9], hash[10], hash[11], hash[12], hash[13], hash[14], hash[15]))
    }
}
