import Foundation
import Logging
import ServiceLifecycle

/// Runs the poller's clocks with the HTTP server: currently-playing every poll interval,
/// recently-played every sync interval (each can be turned off), and re-sending queued events every retry interval.
/// On SIGTERM the loops stop; whatever was fetched is already on disk.
struct PollingService: Service {
    let poller: SpotifyPoller
    let delivery: EventDelivery
    let pollInterval: Duration?
    let syncInterval: Duration?
    let redeliveryInterval: Duration
    let logger: Logger

    func run() async throws {
        await poller.restore()
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                if let pollInterval {
                    group.addTask { await every(pollInterval) { await poller.pollCurrentlyPlaying() } }
                }
                if let syncInterval {
                    group.addTask { await every(syncInterval) { _ = try? await poller.sync() } }
                }
                group.addTask { await every(redeliveryInterval) { _ = await delivery.drain() } }
            }
        }
        logger.info("polling stopped")
    }

    /// Runs `work` now and then after each `interval`, until cancelled.
    private func every(_ interval: Duration, _ work: @Sendable () async -> Void) async {
        while !Task.isCancelled {
            await work()
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}
