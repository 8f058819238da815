import Foundation
import HTTPClient
import Logging

extension AWSCredentialSource {
    /// The provider behind this source: the environment's keys as they are, every other source
    /// fetched over HTTP and refreshed before expiry.
    public func provider(client: HTTPClient, logger: Logger, refreshBefore: Duration = .seconds(300)) -> any AWSCredentialProvider {
        let fetch: RefreshingCredentialProvider.Fetch
        switch self {
        case let .environment(credentials):
            return StaticCredentialProvider(credentials)
        case let .webIdentity(roleARN, tokenFile, sessionName, stsEndpoint):
            fetch = { try await WebIdentityCredentials.fetch(roleARN: roleARN, tokenFile: tokenFile, sessionName: sessionName,
                                                             stsEndpoint: stsEndpoint, client: client) }
        case let .container(url, token, tokenFile):
            fetch = { try await ContainerCredentials.fetch(url: url, authorizationToken: token, authorizationTokenFile: tokenFile, client: client) }
        case let .instanceMetadata(endpoint):
            fetch = { try await InstanceMetadataCredentials.fetch(endpoint: endpoint, client: client) }
        }
        return RefreshingCredentialProvider(source: description, refreshBefore: refreshBefore, logger: logger, fetch: fetch)
    }
}
