import Foundation

/// Everything the fake remembers, behind one lock (routes run on many event loops).
final class FakeSpotifyState: @unchecked Sendable {
    struct AccessToken {
        var expiresAt: Date
    }

    struct AuthorizationCode {
        var redirectURI: String
        var scope: String
    }

    private let lock = NSLock()
    var userID: String
    var clientID: String
    var clientSecret: String
    var accessTokenLifetime: Int = 3600
    var rotateRefreshTokens = false
    var denyAuthorization = false
    var playback: FakePlayback?
    var playbackTimestamp: Int64 = 0
    var plays: [FakePlay] = []
    var accessTokens: [String: AccessToken] = [:]
    var refreshTokens: [String: String] = [:]  // token → scope
    var revokedRefreshTokens: Set<String> = []
    var codes: [String: AuthorizationCode] = [:]
    var faults: [FakeEndpoint: [FakeFault]] = [:]
    var requests: [FakeRecordedRequest] = []
    private var counter = 0

    init(userID: String, clientID: String, clientSecret: String) {
        self.userID = userID
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    func withLock<T>(_ body: (FakeSpotifyState) throws -> T) rethrows -> T {
        try lock.withLock { try body(self) }
    }

    /// A fresh opaque value such as Spotify's tokens and codes (callers hold the lock).
    func mint(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)-\(counter)-\(UUID().uuidString.lowercased())"
    }

    func nextFault(for endpoint: FakeEndpoint) -> FakeFault? {
        guard var pending = faults[endpoint], !pending.isEmpty else { return nil }
        let fault = pending.removeFirst()
        faults[endpoint] = pending
        return fault
    }
}
