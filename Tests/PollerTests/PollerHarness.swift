import FakeSpotify
import Foundation
import Logging
import ServiceRuntime

@testable import Poller

/// A poller wired to a fake Spotify and an ingest endpoint, with its files in a fresh folder.
struct PollerHarness {
    let folder: String
    let spotify: FakeSpotify
    let ingestURL: String
    let configuration: PollerConfiguration
    let parts: PollerComponents

    static let logger = Logger(label: "poller-tests")

    /// - Parameter extra: environment overrides, e.g. `POLLER_RETRY_ATTEMPTS`.
    init(spotify: FakeSpotify, ingestURL: String, folder: String? = nil, extra: [String: String] = [:]) throws {
        let folder = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("poller-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var values = [
            "INGEST_URL": ingestURL, "SPOTIFY_API_BASE": spotify.baseURL, "SPOTIFY_ACCOUNTS_BASE": spotify.baseURL,
            "SPOTIFY_CLIENT_ID": spotify.clientID, "SPOTIFY_CLIENT_SECRET": spotify.clientSecret,
            "SPOTIFY_TOKEN_FILE": folder + "/spotify-token.json", "POLLER_RETRY_BASE_MS": "20", "POLLER_RETRY_MAX_S": "5",
            "POLLER_REQUEST_TIMEOUT_MS": "3000", "PORT": "8085",
            // The tests drive polls and syncs themselves; the service's clocks would race them.
            "POLLER_POLL_INTERVAL_MS": "0", "POLLER_SYNC_INTERVAL_S": "0",
        ]
        values.merge(extra) { $1 }
        self.folder = folder
        self.spotify = spotify
        self.ingestURL = ingestURL
        configuration = try PollerConfiguration(ServiceEnvironment(values))
        parts = PollerComponents(configuration, logger: Self.logger)
    }

    var tokenFile: String { configuration.tokenFile }

    /// Writes a token file as `poller auth` would, with tokens the fake accepts.
    @discardableResult
    func connectAccount(expiresIn: Int = 3600) throws -> SpotifyToken {
        let issued = spotify.issueTokens(expiresIn: expiresIn)
        let token = SpotifyToken(accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: issued.expiresAt,
                                 scope: "user-read-currently-playing user-read-recently-played")
        try TokenStore(path: tokenFile).save(token)
        return token
    }

    func storedToken() throws -> SpotifyToken? { try TokenStore(path: tokenFile).load() }

    func fileMode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
