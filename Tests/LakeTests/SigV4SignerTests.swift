import Foundation
import Testing
@testable import Lake

/// AWS's published examples: the sig-v4 test suite's get-vanilla and the S3 developer guide's
/// "Signature Calculations for the Authorization Header" GET Object example.
struct SigV4SignerTests {
    @Test func sha256KnownAnswers() {
        #expect(SHA256.hash(Array("abc".utf8)).hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hash([UInt8]()).hexString == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hash(long).hexString == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // One million "a": many blocks, fed in uneven pieces.
        var hasher = SHA256()
        var fed = 0
        while fed < 1_000_000 {
            let n = min(777, 1_000_000 - fed)
            hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: n))
            fed += n
        }
        #expect(hasher.finalize().hexString == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func hmacRFC4231Case2() {
        let mac = SHA256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(mac.hexString == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func getVanillaFromTheTestSuite() throws {
        let signer = SigV4Signer(region: "us-east-1", service: "service")
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        let headers = signer.sign(credentials: credentials, method: "GET", path: "/", query: [], headers: [("Host", "example.amazonaws.com")],
                                  payloadHash: SigV4Signer.emptyPayloadHash, date: try Self.date("20150830T123600Z"))
        let authorization = try #require(headers.first { $0.0 == "Authorization" }?.1)
        #expect(authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    @Test func s3GetObjectExample() throws {
        let signer = SigV4Signer(region: "us-east-1", service: "s3")
        let credentials = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        let headers = signer.sign(credentials: credentials, method: "GET", path: "/test.txt", query: [],
                                  headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9")],
                                  payloadHash: SigV4Signer.emptyPayloadHash, date: try Self.date("20130524T000000Z"))
        let authorization = try #require(headers.first { $0.0 == "Authorization" }?.1)
        #expect(authorization.hasSuffix("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"))
        #expect(headers.contains { $0 == ("x-amz-date", "20130524T000000Z") })
    }

    /// Temporary credentials: the session token goes out as `x-amz-security-token` and is one of
    /// the signed headers (AWS refuses a token outside the signature), which changes the signature.
    @Test func sessionTokenIsSentAndSigned() throws {
        let signer = SigV4Signer(region: "us-east-1", service: "s3")
        let keys = AWSCredentials(accessKeyID: "ASIAEXAMPLE", secretAccessKey: "secret")
        var temporary = keys
        temporary.sessionToken = "token-from-sts"
        let date = try Self.date("20130524T000000Z")
        func sign(_ credentials: AWSCredentials) -> [(String, String)] {
            signer.sign(credentials: credentials, method: "GET", path: "/k", query: [], headers: [("Host", "b.s3.amazonaws.com")],
                        payloadHash: SigV4Signer.emptyPayloadHash, date: date)
        }
        let withToken = sign(temporary), without = sign(keys)
        #expect(withToken.contains { $0 == ("x-amz-security-token", "token-from-sts") })
        #expect(!without.contains { $0.0 == "x-amz-security-token" })
        let authorization = try #require(withToken.first { $0.0 == "Authorization" }?.1)
        #expect(authorization.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"))
        #expect(authorization != without.first { $0.0 == "Authorization" }?.1)
    }

    @Test func queryAndPathEncoding() {
        #expect(SigV4Signer.canonicalQuery([("prefix", "bronze/plays"), ("list-type", "2"), ("uploads", "")])
            == "list-type=2&prefix=bronze%2Fplays&uploads=")
        #expect(SigV4Signer.uriEncode("bronze/plays/year=2025/a b+c.parquet", keepSlash: true) == "bronze/plays/year%3D2025/a%20b%2Bc.parquet")
    }

    static func date(_ text: String) throws -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return try #require(formatter.date(from: text))
    }
}
