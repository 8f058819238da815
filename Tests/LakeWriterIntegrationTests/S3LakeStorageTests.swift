import Foundation
import Lake
import TestSupport
import Testing

/// S3LakeStorage against moto with signature checking on.
@Suite("S3 lake against moto", .serialized, .integration)
struct S3LakeStorageTests {
    @Test("put (single and multipart), list with prefix, get, reachability; a wrong secret is refused")
    func roundTrip() async throws {
        let moto = try await MotoServer(bucket: "lake")
        defer { moto.stop() }
        let configuration = S3Configuration(bucket: "lake", prefix: "env/dev", endpoint: moto.endpoint,
                                            accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey, multipartThreshold: 5 << 20)
        let storage = S3LakeStorage(configuration: configuration)
        try await storage.checkReachable()
        let small = Array("hello lake".utf8)
        let large = (0..<(12 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try await storage.put(key: "bronze/plays/year=2025/month=11/day=18/hour=14/part-user_plays-0-0-9.parquet", bytes: small)
        try await storage.put(key: "bronze/plays/big file+1.parquet", bytes: large)
        let listed = try await storage.list(prefix: "bronze/plays/")
        #expect(listed.map(\.key) == ["bronze/plays/big file+1.parquet", "bronze/plays/year=2025/month=11/day=18/hour=14/part-user_plays-0-0-9.parquet"])
        #expect(listed.map(\.size) == [large.count, small.count])
        #expect(try await storage.get(key: "bronze/plays/big file+1.parquet") == large)
        #expect(try await storage.list(prefix: "bronze/skips/").isEmpty)

        var wrong = configuration
        wrong.credentials = .environment(AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: "not-the-secret"))
        await #expect(throws: LakeError.self) { try await S3LakeStorage(configuration: wrong).put(key: "x", bytes: small) }
    }
}
