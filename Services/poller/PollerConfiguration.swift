import Foundation
import HTTPClient
import ServiceRuntime

/// poller settings, all from the environment (README lists them).
struct PollerConfiguration: Sendable {
    var port: Int
    var ingestURL: String
    var ingestToken: String?
    var adminToken: String?
    var spotifyAPIBase: String
    var spotifyAccountsBase: String
    /// Needed to refresh tokens and for `poller auth`; the service idles without them.
    var clientID: String?
    var clientSecret: String?
    var redirectURI: String
    var tokenFile: String
    /// Events ingest-service has not taken yet; default: `poller-queue/` next to the token file.
    var queueFolder: String
    var queueMaxEvents: Int
    /// The recently-played cursor; default: `poller-cursor.json` next to the token file.
    var cursorFile: String
    /// Events delivered by day and type (`poller stats`); default: `poller-stats.json` next to the token file.
    var statsFile: String
    /// The user_id of the events; default: the connected account's Spotify user id.
    var userID: String?
    /// nil: no currently-playing polls.
    var pollInterval: Duration?
    /// nil: recently-played only on `POST /sync` (e.g. driven by the Airflow DAG).
    var syncInterval: Duration?
    var redeliveryInterval: Duration
    /// Attempts and first backoff for Spotify and ingest-service calls (5xx, network errors).
    var retryAttempts: Int
    var retryBaseDelay: Duration
    var retryMaxDelay: Duration
    var requestTimeout: HTTPTimeout

    init(_ env: ServiceEnvironment) throws {
        port = try env.port(default: 8085)
        ingestURL = try env.httpURL("INGEST_URL")
        ingestToken = try env.token("INGEST_TOKEN")
        adminToken = try env.token("ADMIN_TOKEN")
        spotifyAPIBase = try env.httpURL("SPOTIFY_API_BASE", default: "https://api.spotify.com")
        spotifyAccountsBase = try env.httpURL("SPOTIFY_ACCOUNTS_BASE", default: "https://accounts.spotify.com")
        clientID = env.optional("SPOTIFY_CLIENT_ID")
        clientSecret = env.optional("SPOTIFY_CLIENT_SECRET")
        redirectURI = try env.httpURL("SPOTIFY_REDIRECT_URI", default: "http://127.0.0.1:8888/callback")
        tokenFile = env.string("SPOTIFY_TOKEN_FILE", default: "spotify-token.json")
        let folder = (tokenFile as NSString).deletingLastPathComponent
        let beside = { (name: String) in folder.isEmpty ? name : folder + "/" + name }
        queueFolder = env.string("POLLER_QUEUE_DIR", default: beside("poller-queue"))
        queueMaxEvents = try env.int("POLLER_QUEUE_MAX_EVENTS", default: 100_000, range: 100...10_000_000)
        cursorFile = env.string("POLLER_CURSOR_FILE", default: beside("poller-cursor.json"))
        statsFile = env.string("POLLER_STATS_FILE", default: beside("poller-stats.json"))
        userID = env.optional("POLLER_USER_ID")
        if let userID, !(1...128).contains(userID.count) {
            throw ConfigurationError(variable: "POLLER_USER_ID", value: userID, expected: "1 to 128 characters")
        }
        let pollMs = try env.int("POLLER_POLL_INTERVAL_MS", default: 5_000, range: 0...3_600_000)
        guard pollMs == 0 || pollMs >= 100 else {
            throw ConfigurationError(variable: "POLLER_POLL_INTERVAL_MS", value: String(pollMs), expected: "0 (off) or at least 100")
        }
        pollInterval = pollMs == 0 ? nil : .milliseconds(pollMs)
        let syncSeconds = try env.int("POLLER_SYNC_INTERVAL_S", default: 3_600, range: 0...86_400)
        syncInterval = syncSeconds == 0 ? nil : .seconds(syncSeconds)
        redeliveryInterval = .milliseconds(try env.int("POLLER_REDELIVERY_INTERVAL_MS", default: 10_000, range: 100...3_600_000))
        retryAttempts = try env.int("POLLER_RETRY_ATTEMPTS", default: 4, range: 1...20)
        retryBaseDelay = .milliseconds(try env.int("POLLER_RETRY_BASE_MS", default: 500, range: 1...60_000))
        retryMaxDelay = .seconds(try env.int("POLLER_RETRY_MAX_S", default: 30, range: 1...3_600))
        requestTimeout = HTTPTimeout(connect: .seconds(5), total: .milliseconds(try env.int("POLLER_REQUEST_TIMEOUT_MS", default: 15_000, range: 100...300_000)))
    }

    var retryPolicy: RetryPolicy {
        RetryPolicy(maxAttempts: retryAttempts, baseDelay: retryBaseDelay, maxDelay: retryMaxDelay)
    }
}
