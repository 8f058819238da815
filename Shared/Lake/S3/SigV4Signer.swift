import Foundation

/// AWS Signature Version 4 for requests signed in the `Authorization` header.
///
/// Pure: given the request parts and a time it returns the headers to add, so AWS's published
/// examples can be checked byte for byte.
struct SigV4Signer: Sendable {
    let region: String
    let service: String

    /// The empty body's SHA-256, which GET/HEAD/DELETE requests sign.
    static let emptyPayloadHash = SHA256.hash([UInt8]()).hexString

    /// Headers to add to the request: `x-amz-date`, `x-amz-content-sha256` (only for S3, where
    /// it is mandatory), `x-amz-security-token` (temporary credentials: signed, as AWS requires)
    /// and `Authorization`.
    ///
    /// - Parameters:
    ///   - path: the URI path as sent, already percent-encoded (S3 does not encode it twice).
    ///   - query: decoded name/value pairs; they are encoded and sorted here.
    ///   - headers: the headers to sign besides the ones added here; `host` must be among them.
    func sign(
        credentials: AWSCredentials, method: String, path: String, query: [(String, String)], headers: [(String, String)],
        payloadHash: String, date: Date
    ) -> [(String, String)] {
        let amzDate = Self.timestamp(date)
        let day = String(amzDate.prefix(8))
        var signed = headers.map { ($0.0.lowercased(), Self.trimmed($0.1)) }
        signed.append(("x-amz-date", amzDate))
        if service == "s3" { signed.append(("x-amz-content-sha256", payloadHash)) }
        if let token = credentials.sessionToken { signed.append(("x-amz-security-token", token)) }
        signed.sort { $0.0 < $1.0 }
        let signedHeaders = signed.map(\.0).joined(separator: ";")
        let canonicalRequest = [
            method,
            path.isEmpty ? "/" : path,
            Self.canonicalQuery(query),
            signed.map { "\($0.0):\($0.1)\n" }.joined(),
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n" + SHA256.hash(Array(canonicalRequest.utf8)).hexString
        var key = Array("AWS4\(credentials.secretAccessKey)".utf8)
        for part in [day, region, service, "aws4_request"] { key = SHA256.hmac(key: key, message: Array(part.utf8)) }
        let signature = SHA256.hmac(key: key, message: Array(stringToSign.utf8)).hexString
        var result = [("x-amz-date", amzDate)]
        if service == "s3" { result.append(("x-amz-content-sha256", payloadHash)) }
        if let token = credentials.sessionToken { result.append(("x-amz-security-token", token)) }
        result.append(("Authorization", "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"))
        return result
    }

    /// RFC 3986 unreserved characters stay, everything else is %XX (uppercase); `/` stays only
    /// in paths.
    static func uriEncode(_ text: String, keepSlash: Bool) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                out.append("/")
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    static func canonicalQuery(_ query: [(String, String)]) -> String {
        let encoded: [(name: String, value: String)] = query.map { pair in
            (uriEncode(pair.0, keepSlash: false), uriEncode(pair.1, keepSlash: false))
        }
        let sorted = encoded.sorted { a, b in a.name == b.name ? a.value < b.value : a.name < b.name }
        return sorted.map { pair in pair.name + "=" + pair.value }.joined(separator: "&")
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    /// Leading/trailing spaces removed and inner runs of spaces collapsed, as SigV4 requires.
    private static func trimmed(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
