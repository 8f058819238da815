import Foundation

/// Which of the AWS SDKs' credential sources a lake uses (`AWSCredentialChain` picks one from the
/// environment, in the SDKs' order). A value, so configurations compare and print without secrets.
public enum AWSCredentialSource: Sendable, Equatable, CustomStringConvertible {
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, optionally `AWS_SESSION_TOKEN`.
    case environment(AWSCredentials)
    /// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (IRSA, GitHub OIDC, …), exchanged with STS
    /// `AssumeRoleWithWebIdentity` at `stsEndpoint`; the token file is read again at every refresh.
    case webIdentity(roleARN: String, tokenFile: String, sessionName: String, stsEndpoint: String)
    /// The container credentials endpoint (ECS, EKS Pod Identity): `url`, with an Authorization
    /// header from `authorizationTokenFile` (read at every refresh) or `authorizationToken`.
    case container(url: String, authorizationToken: String?, authorizationTokenFile: String?)
    /// The EC2 instance metadata service, IMDSv2 (a session token first, then the role's credentials).
    case instanceMetadata(endpoint: String)

    public var description: String {
        switch self {
        case .environment: return "environment (AWS_ACCESS_KEY_ID)"
        case let .webIdentity(role, _, _, sts): return "web identity (\(role) through \(sts))"
        case let .container(url, _, _): return "container credentials endpoint (\(url))"
        case let .instanceMetadata(endpoint): return "instance metadata service (\(endpoint))"
        }
    }
}
