import IngestAPI
import Logging

/// What became of one queued batch posted to ingest-service, as the queue needs it.
enum IngestDelivery: Sendable, Equatable {
    /// ingest-service answered for every event: these many taken, the rest refused by
    /// validation (`refused`: their positions in the batch, as far as ingest-service said).
    case answered(accepted: Int, rejected: Int, refused: Set<Int> = [])
    /// Not now (unreachable, 5xx, 503 from Kafka, 401/403 from a wrong token): keep and retry.
    case unavailable(String)
}

extension IngestClient {
    /// Posts one queued batch. A batch that can never be taken (unreadable, too large: it would
    /// block the queue forever) counts as refused; anything that may pass later keeps it queued.
    func deliver(_ events: [[UInt8]], logger: Logger) async -> IngestDelivery {
        do {
            let outcome = try await post(events)
            for rejection in outcome.errors {
                logger.warning("ingest-service refused an event", metadata: [
                    "index": "\(rejection.index)", "field": "\(rejection.field)", "reason": "\(rejection.message)",
                ])
            }
            return .answered(accepted: outcome.accepted, rejected: outcome.rejected, refused: outcome.refusedIndices)
        } catch let refusal as IngestRefusal where refusal.isPermanent {
            logger.warning("ingest-service refused a whole batch", metadata: ["status": "\(refusal.status)", "events": "\(events.count)"])
            return .answered(accepted: 0, rejected: events.count, refused: Set(events.indices))
        } catch {
            return .unavailable("\(error)")
        }
    }
}
