/// Where signed requests get their credentials: asked before every request, so a provider of
/// temporary credentials can hand out fresh ones before the old ones expire.
public protocol AWSCredentialProvider: Sendable {
    func credentials() async throws -> AWSCredentials
}
