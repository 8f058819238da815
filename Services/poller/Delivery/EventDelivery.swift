import EventSchema
import IngestAPI
import Logging

/// Events to ingest-service through the on-disk queue: `enqueue` makes them durable, `drain`
/// posts queued batches oldest first until the queue is empty or ingest-service is unavailable.
actor EventDelivery {
    struct DrainReport: Sendable {
        var posted = 0
        var rejected = 0
        var failure: String?
    }

    private let queue: EventQueue
    private let ingest: IngestClient
    private let metrics: PollerMetrics
    private let status: PollerStatus
    private let ledger: DeliveryLedger?
    private let logger: Logger
    private var draining: Task<DrainReport, Never>?

    init(queue: EventQueue, ingest: IngestClient, metrics: PollerMetrics, status: PollerStatus, ledger: DeliveryLedger? = nil, logger: Logger) {
        self.queue = queue
        self.ingest = ingest
        self.metrics = metrics
        self.status = status
        self.ledger = ledger
        self.logger = logger
    }

    func enqueue(_ events: [ListeningEvent]) async throws {
        let dropped = try await queue.append(events)
        if dropped > 0 {
            metrics.dropped(dropped, reason: "queue_full")
            await status.count("queue_dropped_events", by: dropped)
        }
        await publishCount()
    }

    /// One drain at a time; a caller arriving during one waits for it and gets its report.
    func drain() async -> DrainReport {
        if let draining { return await draining.value }
        let task = Task { await drainNow() }
        draining = task
        let report = await task.value
        draining = nil
        return report
    }

    var queuedEvents: Int {
        get async { (try? await queue.count) ?? 0 }
    }

    private func drainNow() async -> DrainReport {
        var report = DrainReport()
        do {
            while let batch = try await queue.oldest() {
                switch await ingest.deliver(batch.events, logger: logger) {
                case .answered(let accepted, let rejected, let refused):
                    await queue.remove(batch)
                    do {
                        try ledger?.record(batch: batch.events, refusedCount: rejected, refused: refused)
                    } catch {
                        logger.warning("cannot update the delivery counts (poller stats)", metadata: ["error": "\(error)"])
                    }
                    report.posted += accepted
                    report.rejected += rejected
                    metrics.posted(accepted)
                    if rejected > 0 {
                        metrics.dropped(rejected, reason: "rejected_by_ingest")
                        await status.count("ingest_rejected_events", by: rejected)
                    }
                case .unavailable(let reason):
                    report.failure = reason
                    metrics.error("ingest_unavailable")
                    await status.count("ingest_unavailable")
                    logger.warning("ingest-service is unavailable; events stay queued", metadata: ["reason": "\(reason)"])
                    await publishCount()
                    return report
                }
            }
        } catch {
            report.failure = "\(error)"
            metrics.error("queue_io")
            await status.count("queue_io")
            logger.error("cannot read the event queue", metadata: ["error": "\(error)"])
        }
        await publishCount()
        return report
    }

    private func publishCount() async {
        let count = await queuedEvents
        metrics.queuedEvents(count)
        await status.setQueued(count)
    }
}
