import ServiceRuntime

/// poller settings, all from the environment (README lists them).
struct PollerConfiguration: Sendable {
    var port: Int
    var ingestURL: String
    var spotifyAPIBase: String
    var spotifyAccountsBase: String
    var adminToken: String?

    init(_ env: ServiceEnvironment) throws {
        port = try env.port(default: 8085)
        ingestURL = try env.httpURL("INGEST_URL")
        spotifyAPIBase = try env.httpURL("SPOTIFY_API_BASE", default: "https://api.spotify.com")
        spotifyAccountsBase = try env.httpURL("SPOTIFY_ACCOUNTS_BASE", default: "https://accounts.spotify.com")
        adminToken = try env.token("ADMIN_TOKEN")
    }
}
