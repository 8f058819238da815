import Foundation
import Logging
import Testing
@testable import Lake

@Suite("AWS credential chain and region/endpoint variables")
struct AWSCredentialChainTests {
    func source(_ environment: [String: String]) throws -> AWSCredentialSource {
        try AWSCredentialChain.source(environment: environment, region: "eu-west-1")
    }

    @Test func environmentKeysComeFirstWithTheirSessionToken() throws {
        let chosen = try source(["AWS_ACCESS_KEY_ID": "ASIAKEY", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "t",
                                 "AWS_WEB_IDENTITY_TOKEN_FILE": "/token", "AWS_ROLE_ARN": "arn:aws:iam::1:role/r"])
        #expect(chosen == .environment(AWSCredentials(accessKeyID: "ASIAKEY", secretAccessKey: "s", sessionToken: "t")))
    }

    @Test func webIdentityThenContainerThenInstanceMetadata() throws {
        let web = try source(["AWS_WEB_IDENTITY_TOKEN_FILE": "/token", "AWS_ROLE_ARN": "arn:aws:iam::1:role/r", "AWS_ROLE_SESSION_NAME": "s",
                              "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/x"])
        #expect(web == .webIdentity(roleARN: "arn:aws:iam::1:role/r", tokenFile: "/token", sessionName: "s",
                                    stsEndpoint: "https://sts.eu-west-1.amazonaws.com"))
        let sts = try source(["AWS_WEB_IDENTITY_TOKEN_FILE": "/token", "AWS_ROLE_ARN": "r", "AWS_ROLE_SESSION_NAME": "s",
                              "AWS_ENDPOINT_URL": "http://127.0.0.1:5000/", "AWS_ENDPOINT_URL_STS": "http://sts.local:1"])
        #expect(sts == .webIdentity(roleARN: "r", tokenFile: "/token", sessionName: "s", stsEndpoint: "http://sts.local:1"))
        #expect(try source(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/x", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "a"])
            == .container(url: "http://169.254.170.2/v2/credentials/x", authorizationToken: "a", authorizationTokenFile: nil))
        #expect(try source(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:9/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/t"])
            == .container(url: "http://127.0.0.1:9/creds", authorizationToken: nil, authorizationTokenFile: "/t"))
        #expect(try source([:]) == .instanceMetadata(endpoint: "http://169.254.169.254"))
        #expect(try source(["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:8/"]) == .instanceMetadata(endpoint: "http://127.0.0.1:8"))
    }

    @Test("half a configuration is a clear error at start", arguments: [
        (["AWS_ACCESS_KEY_ID": "k"], "must be set together"),
        (["AWS_WEB_IDENTITY_TOKEN_FILE": "/t"], "AWS_ROLE_ARN"),
        (["AWS_EC2_METADATA_DISABLED": "true"], "an s3:// lake needs credentials"),
        (["AWS_CONTAINER_CREDENTIALS_FULL_URI": "not a url"], "AWS_CONTAINER_CREDENTIALS_FULL_URI must look like"),
    ])
    func halfConfigured(environment: [String: String], message: String) {
        let error = #expect(throws: LakeError.self) { try source(environment) }
        #expect(error?.reason.contains(message) == true, "\(String(describing: error))")
        #expect(error?.kind == .permanent)
    }

    @Test func standardVariablesWinOverTheProjectsAliases() throws {
        let keys = ["AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"]
        let aliases = try S3Configuration(bucket: "b", prefix: "", environment: keys.merging(
            ["S3_REGION": "eu-north-1", "S3_ENDPOINT": "http://minio:9000", "AWS_DEFAULT_REGION": "ap-south-1",
             "AWS_ENDPOINT_URL": "http://general:1"]) { $1 })
        #expect(aliases.region == "eu-north-1" && aliases.endpoint == "http://minio:9000")
        let standard = try S3Configuration(bucket: "b", prefix: "", environment: keys.merging(
            ["AWS_REGION": "us-west-2", "S3_REGION": "eu-north-1", "AWS_ENDPOINT_URL_S3": "http://s3.local:9000/",
             "S3_ENDPOINT": "http://minio:9000"]) { $1 })
        #expect(standard.region == "us-west-2" && standard.endpoint == "http://s3.local:9000")
        let fallback = try S3Configuration(bucket: "b", prefix: "", environment: keys.merging(
            ["AWS_DEFAULT_REGION": "ap-south-1", "AWS_ENDPOINT_URL": "http://general:1"]) { $1 })
        #expect(fallback.region == "ap-south-1" && fallback.endpoint == "http://general:1")
        let aws = try S3Configuration(bucket: "b", prefix: "", environment: keys)
        #expect(aws.region == "us-east-1" && aws.endpoint == nil)
    }

    @Test func credentialsNeverPrintTheirSecretOrToken() {
        let credentials = AWSCredentials(accessKeyID: "ASIAABCDEFGHIJKL", secretAccessKey: "very-secret", sessionToken: "session-token-value")
        let printed = "\(credentials) \(AWSCredentialSource.environment(credentials))"
        #expect(!printed.contains("very-secret") && !printed.contains("session-token-value") && !printed.contains("ABCDEFGH"))
    }
}

@Suite("Temporary credentials refreshed before they expire")
struct RefreshingCredentialProviderTests {
    /// A clock the test moves, and a source whose credentials live `lifetime` seconds from its
    /// time (no test here depends on the machine's speed).
    final class Source: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        private var time = Date(timeIntervalSince1970: 1_800_000_000)
        private var down = false
        let lifetime: TimeInterval = 3600
        var fetches: Int { lock.withLock { count } }
        var now: Date { lock.withLock { time } }
        func advance(_ seconds: TimeInterval) { lock.withLock { time += seconds } }
        func setDown(_ value: Bool) { lock.withLock { down = value } }
        func next() throws -> AWSCredentials {
            try lock.withLock {
                if down { throw LakeError(.transient, operation: "credentials", key: "", reason: "source down") }
                count += 1
                return AWSCredentials(accessKeyID: "ASIA\(count)", secretAccessKey: "s", sessionToken: "t\(count)",
                                      expiration: time.addingTimeInterval(lifetime))
            }
        }
    }

    func provider(_ source: Source) -> RefreshingCredentialProvider {
        RefreshingCredentialProvider(source: "test", refreshBefore: .seconds(300), logger: Logger(label: "test"),
                                     now: { source.now }) { try source.next() }
    }

    @Test func fetchedOnceWhileFarFromExpiry() async throws {
        let source = Source()
        let provider = provider(source)
        for _ in 0..<5 {
            #expect(try await provider.credentials().accessKeyID == "ASIA1")
            source.advance(600)
        }
        #expect(source.fetches == 1, "3,000 s into an hour's credentials: outside the 300 s window")
    }

    @Test func fetchedAgainInsideTheRefreshWindowByOneFetchForManyCallers() async throws {
        let source = Source()
        let provider = provider(source)
        #expect(try await provider.credentials().accessKeyID == "ASIA1")
        source.advance(3600 - 299)
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await provider.credentials().accessKeyID } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(keys == ["ASIA2"])
        #expect(source.fetches == 2)
    }

    @Test func aFailedRefreshKeepsValidCredentialsAndExpiredOnesFail() async throws {
        let source = Source()
        let provider = provider(source)
        _ = try await provider.credentials()
        source.advance(3600 - 200)
        source.setDown(true)
        #expect(try await provider.credentials().accessKeyID == "ASIA1", "still valid for 200 s: kept")
        source.advance(5)
        source.setDown(false)
        #expect(try await provider.credentials().accessKeyID == "ASIA1", "within 10 s of a failure: not asked again")
        #expect(source.fetches == 1)
        source.setDown(true)
        source.advance(300)
        await #expect(throws: LakeError.self) { try await provider.credentials() }
        source.setDown(false)
        #expect(try await provider.credentials().accessKeyID == "ASIA2", "recovers by itself once the source answers")
    }
}
