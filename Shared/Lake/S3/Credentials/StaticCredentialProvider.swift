/// Long-lived keys (or a session the caller refreshes itself), as given.
public struct StaticCredentialProvider: AWSCredentialProvider {
    public let value: AWSCredentials

    public init(_ value: AWSCredentials) {
        self.value = value
    }

    public func credentials() async throws -> AWSCredentials { value }
}
