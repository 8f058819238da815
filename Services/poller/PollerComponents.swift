import HTTPClient
import IngestAPI
import Logging

/// The poller's parts wired together once, for the service and for tests that drive them directly.
struct PollerComponents: Sendable {
    let http: HTTPClient
    let metrics: PollerMetrics
    let status: PollerStatus
    let accounts: SpotifyAccounts
    let authorization: SpotifyAuthorization
    let api: SpotifyAPI
    let delivery: EventDelivery
    let poller: SpotifyPoller
    let logger: Logger

    init(_ configuration: PollerConfiguration, logger: Logger) {
        http = HTTPClient(logger: logger)
        metrics = PollerMetrics()
        status = PollerStatus()
        accounts = SpotifyAccounts(
            client: http, accountsBase: configuration.spotifyAccountsBase, clientID: configuration.clientID,
            clientSecret: configuration.clientSecret, retryPolicy: configuration.retryPolicy, logger: logger
        )
        let metrics = metrics
        authorization = SpotifyAuthorization(store: TokenStore(path: configuration.tokenFile), accounts: accounts, logger: logger,
                                             onRefreshFailure: { metrics.refreshFailure() })
        api = SpotifyAPI(client: http, apiBase: configuration.spotifyAPIBase, authorization: authorization,
                         retryPolicy: configuration.retryPolicy, timeout: configuration.requestTimeout, metrics: metrics, logger: logger)
        let ingest = IngestClient(client: http, ingestURL: configuration.ingestURL, token: configuration.ingestToken,
                                  retryPolicy: RetryPolicy(maxAttempts: min(2, configuration.retryAttempts), baseDelay: configuration.retryBaseDelay, maxDelay: configuration.retryMaxDelay),
                                  timeout: HTTPTimeout(connect: .seconds(2), total: .seconds(15)), logger: logger)
        delivery = EventDelivery(queue: EventQueue(folder: configuration.queueFolder, maxEvents: configuration.queueMaxEvents, logger: logger),
                                 ingest: ingest, metrics: metrics, status: status, ledger: DeliveryLedger(path: configuration.statsFile), logger: logger)
        poller = SpotifyPoller(api: api, authorization: authorization, delivery: delivery, cursorStore: CursorStore(path: configuration.cursorFile),
                               status: status, metrics: metrics, configuredUserID: configuration.userID, logger: logger)
        self.logger = logger
    }

    func pollingService(_ configuration: PollerConfiguration) -> PollingService {
        PollingService(poller: poller, delivery: delivery, pollInterval: configuration.pollInterval, syncInterval: configuration.syncInterval,
                       redeliveryInterval: configuration.redeliveryInterval, logger: logger)
    }
}
