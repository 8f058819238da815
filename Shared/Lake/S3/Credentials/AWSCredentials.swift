import Foundation

/// An AWS key pair, with the session token and expiry of temporary credentials (STS, a container
/// or instance role). Its description never shows the secret or the token.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    /// Present for temporary credentials; every request signed with them carries it as
    /// `x-amz-security-token`.
    public var sessionToken: String?
    /// When temporary credentials stop working; nil for long-lived keys.
    public var expiration: Date?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    public var description: String {
        let key = accessKeyID.count > 8 ? "\(accessKeyID.prefix(4))…\(accessKeyID.suffix(4))" : "…"
        let expiry = expiration.map { ", expires \($0)" } ?? ""
        return "AWSCredentials(\(key)\(sessionToken == nil ? "" : ", with a session token")\(expiry))"
    }
}
