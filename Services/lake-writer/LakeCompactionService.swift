import EventSchema
import Foundation
import Kafka
import Lake
import Logging
import Parquet
import ServiceLifecycle

/// Compacts settled partition-hours every `policy.interval` (see `LakeCompactor`). Only the
/// partitions this instance holds are compacted; a storage error leaves the hour for the next
/// pass, a file that cannot be merged (not bronze-shaped) leaves it until new rolls arrive.
struct LakeCompactionService: Service {
    let compactor: LakeCompactor
    let engine: LakeWriterEngine
    let policy: CompactionPolicy
    let logger: Logger
    private let metrics = LakeWriterMetrics()

    init(compactor: LakeCompactor, engine: LakeWriterEngine, policy: CompactionPolicy, logger: Logger) {
        self.compactor = compactor
        self.engine = engine
        self.policy = policy
        self.logger = logger
    }

    func run() async throws {
        guard let interval = policy.interval else {
            try? await gracefulShutdown()   // compaction off: wait for shutdown like the other services
            return
        }
        await cancelWhenGracefulShutdown {
            var pass = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if pass % policy.rescanEvery == 0 { await rescan() }
                pass += 1
                await compactSettledHours()
            }
        }
    }

    /// Lists the lake for partition-hours with several files (left by an earlier run, or by the
    /// instance that held a partition before a rebalance).
    private func rescan() async {
        do {
            let groups = LakeCompactor.groupsToCompact(try await compactor.storage.list(prefix: "bronze/").map(\.key))
            await engine.noteUncompacted(groups.map {
                PartitionBuffer.Key(partition: KafkaTopicPartition(topic: $0.topic, partition: $0.partition), hourStart: $0.hourStart)
            })
        } catch {
            logger.warning("cannot list the lake for compaction; retrying at the next rescan", metadata: ["error": "\(error)"])
        }
    }

    private func compactSettledHours() async {
        let now = EventTimestamp(Date()).microsecondsSinceEpoch
        let due = await engine.settledHours(nowMicroseconds: now, settle: policy.settle)
        guard !due.isEmpty else { return }
        metrics.compacting(true)
        defer { metrics.compacting(false) }
        for (key, seen) in due {
            guard !Task.isCancelled else { return }
            let group = LakeCompactor.Group(topic: key.partition.topic, partition: key.partition.partition, hourStart: key.hourStart)
            do {
                if let outcome = try await compactor.compact(group) {
                    metrics.compacted(topic: group.topic, inputs: outcome.inputs, duplicatesDropped: outcome.duplicatesDropped)
                    logger.info("partition-hour compacted", metadata: [
                        "file": "\(outcome.key)", "files": "\(outcome.inputs)", "rows": "\(outcome.rows)",
                        "duplicates_dropped": "\(outcome.duplicatesDropped)",
                    ])
                }
                await engine.compacted(key, seen: seen)
            } catch let error as ParquetError {
                metrics.compactionFailed()
                logger.error("cannot compact a partition-hour; its files stay as they are", metadata: [
                    "topic": "\(group.topic)", "partition": "\(group.partition)", "error": "\(error)",
                ])
                await engine.compacted(key, seen: seen)
            } catch {
                metrics.compactionFailed()
                logger.warning("compaction failed; retrying at the next pass", metadata: ["topic": "\(group.topic)", "partition": "\(group.partition)", "error": "\(error)"])
                return
            }
        }
    }
}
