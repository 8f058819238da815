import Foundation

/// Where and how to reach an S3-compatible bucket (AWS, MinIO, moto), from docs/CONTRACT.md's variables.
public struct S3Configuration: Sendable, Equatable {
    public var bucket: String
    /// Key prefix inside the bucket (the path of `s3://bucket/prefix`), without slashes at the ends.
    public var prefix: String
    public var region: String
    /// `scheme://host[:port]` of a custom endpoint; nil means AWS.
    public var endpoint: String?
    /// Where requests get their credentials (`AWSCredentialChain`).
    public var credentials: AWSCredentialSource
    /// Bucket in the path instead of the host name. MinIO and moto want it; AWS prefers virtual hosts.
    public var forcePathStyle: Bool
    /// Objects larger than this go up as a multipart upload, in parts of this size.
    public var multipartThreshold: Int

    /// S3's smallest allowed part (except the last).
    public static let minimumPartSize = 5 << 20

    /// Long-lived keys.
    public init(
        bucket: String, prefix: String = "", region: String = "us-east-1", endpoint: String? = nil,
        accessKeyID: String, secretAccessKey: String, forcePathStyle: Bool? = nil, multipartThreshold: Int = 16 << 20
    ) {
        self.init(bucket: bucket, prefix: prefix, region: region, endpoint: endpoint,
                  credentials: .environment(AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey)),
                  forcePathStyle: forcePathStyle, multipartThreshold: multipartThreshold)
    }

    public init(
        bucket: String, prefix: String = "", region: String = "us-east-1", endpoint: String? = nil,
        credentials: AWSCredentialSource, forcePathStyle: Bool? = nil, multipartThreshold: Int = 16 << 20
    ) {
        self.bucket = bucket
        self.prefix = prefix.split(separator: "/").joined(separator: "/")
        self.region = region
        self.endpoint = endpoint.flatMap { $0.isEmpty ? nil : ($0.hasSuffix("/") ? String($0.dropLast()) : $0) }
        self.credentials = credentials
        // A custom endpoint is usually an IP or a single host name, where virtual hosts cannot resolve.
        self.forcePathStyle = forcePathStyle ?? (self.endpoint != nil)
        self.multipartThreshold = max(Self.minimumPartSize, multipartThreshold)
    }

    /// From the AWS SDKs' standard variables, the project's `S3_*` names being aliases:
    /// - region: `AWS_REGION`, then `S3_REGION`, then `AWS_DEFAULT_REGION` (default `us-east-1`);
    /// - endpoint: `AWS_ENDPOINT_URL_S3`, then `S3_ENDPOINT`, then `AWS_ENDPOINT_URL` (none: AWS);
    /// - credentials: `AWSCredentialChain`, in the SDKs' order;
    /// - `S3_FORCE_PATH_STYLE` and `LAKE_S3_MULTIPART_BYTES`.
    public init(bucket: String, prefix: String, environment: [String: String]) throws {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let region = value("AWS_REGION") ?? value("S3_REGION") ?? value("AWS_DEFAULT_REGION") ?? "us-east-1"
        let endpoint = try AWSCredentialChain.endpoint(value("AWS_ENDPOINT_URL_S3"), variable: "AWS_ENDPOINT_URL_S3")
            ?? AWSCredentialChain.endpoint(value("S3_ENDPOINT"), variable: "S3_ENDPOINT")
            ?? AWSCredentialChain.endpoint(value("AWS_ENDPOINT_URL"), variable: "AWS_ENDPOINT_URL")
        let credentials = try AWSCredentialChain.source(environment: environment, region: region)
        var pathStyle: Bool?
        if let raw = value("S3_FORCE_PATH_STYLE") {
            switch raw.lowercased() {
            case "1", "true", "yes": pathStyle = true
            case "0", "false", "no": pathStyle = false
            default: throw LakeError(.permanent, operation: "configure", key: "", reason: "S3_FORCE_PATH_STYLE must be true or false, got \(raw)")
            }
        }
        var threshold = 16 << 20
        if let raw = value("LAKE_S3_MULTIPART_BYTES") {
            guard let parsed = Int(raw), parsed >= Self.minimumPartSize else {
                throw LakeError(.permanent, operation: "configure", key: "", reason: "LAKE_S3_MULTIPART_BYTES must be an integer ≥ \(Self.minimumPartSize), got \(raw)")
            }
            threshold = parsed
        }
        self.init(
            bucket: bucket, prefix: prefix, region: region, endpoint: endpoint,
            credentials: credentials, forcePathStyle: pathStyle, multipartThreshold: threshold
        )
    }

    /// Scheme and authority requests go to, and the path prefix that names the bucket.
    var base: (origin: String, host: String, bucketPath: String) {
        let origin: String
        if let endpoint {
            origin = endpoint
        } else {
            origin = "https://s3.\(region).amazonaws.com"
        }
        let components = URLComponents(string: origin)
        let scheme = components?.scheme ?? "https"
        var authority = components?.host ?? origin
        if let port = components?.port { authority += ":\(port)" }
        if forcePathStyle {
            return ("\(scheme)://\(authority)", authority, "/" + SigV4Signer.uriEncode(bucket, keepSlash: false))
        }
        return ("\(scheme)://\(bucket).\(authority)", "\(bucket).\(authority)", "")
    }
}
