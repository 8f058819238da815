import Foundation
import Lake
import TestSupport
import Testing

/// The lake's S3 client with every credential source of the AWS SDKs' chain, against moto with
/// signature checking on: temporary credentials only work when their session token is sent and
/// signed (moto refuses an ASIA key without its token), so each round trip proves the token went.
@Suite("S3 credentials: environment, web identity, container endpoint, IMDSv2", .serialized, .integration)
struct S3CredentialChainTests {
    static let small = Array("credentials".utf8)

    static func storage(_ environment: [String: String]) throws -> S3LakeStorage {
        S3LakeStorage(configuration: try S3Configuration(bucket: "lake", prefix: "creds", environment: environment))
    }

    static func roundTrip(_ storage: S3LakeStorage, key: String) async throws {
        try await storage.put(key: key, bytes: small)
        #expect(try await storage.get(key: key) == small)
    }

    @Test("environment: a session token from AWS_SESSION_TOKEN is sent; without it the same key is refused")
    func environmentSessionToken() async throws {
        let moto = try await MotoServer(bucket: "lake")
        defer { moto.stop() }
        let role = try moto.assumeRole()
        let base = ["AWS_ACCESS_KEY_ID": role.key, "AWS_SECRET_ACCESS_KEY": role.secret, "AWS_ENDPOINT_URL_S3": moto.endpoint]
        try await Self.roundTrip(try Self.storage(base.merging(["AWS_SESSION_TOKEN": role.token]) { $1 }), key: "env.txt")
        let refused = await #expect(throws: LakeError.self) { try await Self.storage(base).put(key: "no-token.txt", bytes: Self.small) }
        #expect(refused?.kind == .permanent, "\(String(describing: refused))")
    }

    @Test("web identity: the token file is exchanged with STS AssumeRoleWithWebIdentity")
    func webIdentity() async throws {
        let moto = try await MotoServer(bucket: "lake")
        defer { moto.stop() }
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("web-identity-\(UUID().uuidString)").path
        try "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsYWtlLXdyaXRlciJ9.c2lnbmF0dXJl".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: tokenFile) }
        let environment = ["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": moto.roleARN, "AWS_ROLE_SESSION_NAME": "lake-test",
                           "AWS_ENDPOINT_URL": moto.endpoint, "AWS_REGION": "us-east-1"]
        let configuration = try S3Configuration(bucket: "lake", prefix: "creds", environment: environment)
        #expect(configuration.credentials == .webIdentity(roleARN: moto.roleARN, tokenFile: tokenFile, sessionName: "lake-test",
                                                          stsEndpoint: moto.endpoint))
        try moto.allowUnsignedRequests(1)   // the STS call; every S3 request after it is checked
        try await Self.roundTrip(S3LakeStorage(configuration: configuration), key: "web-identity.txt")
    }

    @Test("container endpoint: fetched with its Authorization token, fetched again only when expiry nears")
    func containerEndpointRefreshesBeforeExpiry() async throws {
        let moto = try await MotoServer(bucket: "lake")
        defer { moto.stop() }
        // Credentials that expire in 303 s: inside the 300 s refresh window three seconds later.
        let fake = try CredentialEndpointFake(moto: moto, ttl: 303)
        defer { fake.stop() }
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("container-token-\(UUID().uuidString)").path
        try fake.authorizationToken.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: tokenFile) }
        let storage = try Self.storage(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(fake.url)/container",
                                        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile, "S3_ENDPOINT": moto.endpoint])
        try await Self.roundTrip(storage, key: "container-1.txt")
        #expect(try fake.stats()["container"] == 1, "one fetch for a put and a get")
        try await Task.sleep(for: .milliseconds(3_300))
        try await Self.roundTrip(storage, key: "container-2.txt")
        #expect(try fake.stats()["container"] == 2, "expiry within the refresh window fetches new credentials, once")

        let wrongToken = try Self.storage(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(fake.url)/container",
                                           "AWS_CONTAINER_AUTHORIZATION_TOKEN": "not-the-token", "S3_ENDPOINT": moto.endpoint])
        let refused = await #expect(throws: LakeError.self) { try await wrongToken.put(key: "x.txt", bytes: Self.small) }
        #expect(refused?.description.contains("container credentials endpoint: HTTP 401") == true, "\(String(describing: refused))")
        #expect(refused?.kind == .transient)
    }

    @Test("instance metadata: IMDSv2, a session token first, then the role's credentials")
    func instanceMetadata() async throws {
        let moto = try await MotoServer(bucket: "lake")
        defer { moto.stop() }
        let fake = try CredentialEndpointFake(moto: moto, ttl: 3600)
        defer { fake.stop() }
        let configuration = try S3Configuration(bucket: "lake", prefix: "creds",
                                                environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": fake.url, "S3_ENDPOINT": moto.endpoint])
        #expect(configuration.credentials == .instanceMetadata(endpoint: fake.url))
        let storage = S3LakeStorage(configuration: configuration)
        try await Self.roundTrip(storage, key: "imds-1.txt")
        try await Self.roundTrip(storage, key: "imds-2.txt")
        let stats = try fake.stats()
        #expect(stats["imds_token"] == 1 && stats["imds_credentials"] == 1, "\(stats): fetched once, valid for an hour")
    }
}
