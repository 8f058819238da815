import EventSchema
import Foundation
import Testing

@testable import Poller

/// SHA-1 against RFC 3174's test vectors and UUIDv5 against RFC 9562's example and Python's
/// `uuid.uuid5`, because the play event_id must be the same whoever computes it.
@Suite("SHA-1 and UUIDv5")
struct IdentityTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test("RFC 3174 test vectors", arguments: [
        ("abc", 1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1, "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        ("a", 1_000_000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f"),
        ("0123456701234567012345670123456701234567012345670123456701234567", 10, "dea356a2cddd90c7a7ecedc5ebb563934f460452"),
        ("", 1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
    ])
    func sha1Vectors(text: String, repeats: Int, expected: String) {
        let message = Array(String(repeating: text, count: repeats).utf8)
        #expect(Self.hex(SHA1.digest(message)) == expected)
    }

    @Test("messages around the padding boundaries (values from Python's hashlib)", arguments: [
        (55, "cef734ba81a024479e09eb5a75b6ddae62e6abf1"), (56, "901305367c259952f4e7af8323f480d59f81335b"),
        (63, "0ddc4e0cccd9a12850deb5abb0853a4425559fec"), (64, "bb2fa3ee7afb9f54c6dfb5d021f14b1ffe40c163"),
        (65, "78c741ddc482e4cdf8c474a0876347a0905b6233"),
    ])
    func paddingBoundaries(length: Int, expected: String) {
        #expect(Self.hex(SHA1.digest(Array(repeating: UInt8(ascii: "x"), count: length))) == expected)
    }

    @Test("RFC 9562's UUIDv5 example (DNS namespace, www.example.com)")
    func rfcExample() {
        let dns = UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8")!
        #expect(UUIDv5.make(namespace: dns, name: "www.example.com").uuidString.lowercased() == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
    }

    @Test("the poller's namespace and play ids match Python's uuid.uuid5")
    func pollerIDs() throws {
        #expect(UUIDv5.pollerNamespace.uuidString.lowercased() == "fa206669-3525-5bd2-9a49-82d1edf6512e")
        let playedAt = try #require(EventTimestamp(rfc3339: "2025-11-18T14:23:15.000Z"))
        let id = SpotifyEventMapper.playEventID(userID: "user_1", trackID: "4uLU6hMCjMI75M1A2tKUQC", playedAt: playedAt)
        #expect(id.uuidString.lowercased() == "f792ac43-ad8e-5991-b93c-22ec51e24505")
    }
}
