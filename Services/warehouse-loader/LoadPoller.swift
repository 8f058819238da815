import Logging
import Retry
import ServiceLifecycle

/// Start-up migrations, then continuous mode (the Snowpipe of the original design): loads new
/// files every `interval`. Failed runs (PostgreSQL or the lake away) are logged and retried at the
/// next tick; the pool reconnects by itself. With `interval` nil (continuous mode off) it only
/// migrates, so dbt finds the bronze tables before the first `POST /load`.
struct LoadPoller: Service {
    let loader: WarehouseLoader
    let interval: Duration?
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await migrateUntilDone()
            guard let interval else { return }
            while !Task.isCancelled {
                do {
                    _ = try await loader.loadNew()
                } catch {
                    logger.warning("load run failed; retrying at the next poll", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
        // A service that returns early would stop the application: wait for shutdown.
        try? await gracefulShutdown()
    }

    private func migrateUntilDone() async {
        _ = await retryUntilCancelled(Backoff(initial: .seconds(1), maximum: .seconds(30)), onFailure: { error, pause in
            logger.warning("bronze migrations failed; retrying", metadata: ["error": "\(error)", "retry_in": "\(pause)"])
        }) {
            try await loader.migrate()
        }
    }
}
