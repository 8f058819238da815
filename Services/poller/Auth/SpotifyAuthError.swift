/// Why the accounts service did not hand out a token.
enum SpotifyAuthError: Error, CustomStringConvertible, Equatable {
    /// The refresh token or authorization code is no longer valid (revoked, expired after six
    /// months, already used): only a new `poller auth` helps.
    case invalidGrant(String)
    /// Refused for another reason (bad client credentials, bad request), with Spotify's code.
    case refused(status: Int, error: String, detail: String)
    /// An answer that is not the documented token JSON.
    case malformedResponse(status: Int)
    /// No SPOTIFY_CLIENT_ID/SPOTIFY_CLIENT_SECRET to authenticate the refresh with.
    case missingClientCredentials

    var description: String {
        switch self {
        case .invalidGrant(let detail): "Spotify refused the grant (invalid_grant: \(detail))"
        case .refused(let status, let error, let detail): "the token endpoint answered \(status) \(error): \(detail)"
        case .malformedResponse(let status): "the token endpoint answered \(status) with a body that is not token JSON"
        case .missingClientCredentials: "SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET are needed to refresh the access token"
        }
    }
}
