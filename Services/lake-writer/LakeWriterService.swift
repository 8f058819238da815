import EventSchema
import Kafka
import Logging
import ServiceLifecycle

/// Creates the topics if needed, then runs the consumer loop and the age-flush ticker. On
/// graceful shutdown it stops taking records, flushes and commits everything, then leaves the
/// group (SPEC: exit 0 within 10 s).
struct LakeWriterService: Service {
    let consumerConfiguration: KafkaConsumerConfiguration
    let admin: KafkaAdmin
    let topicPartitions: Int
    let producer: KafkaProducer
    let engine: LakeWriterEngine
    let logger: Logger

    func run() async throws {
        // Tansu does not auto-create topics and a subscription to a missing one waits minutes.
        guard await (cancelWhenGracefulShutdown { await provisionTopics() }) else {
            await producer.shutdown(timeout: .seconds(1))
            return
        }
        let consumer = try KafkaConsumer(configuration: consumerConfiguration, topics: EventTopics.eventTopics, logger: logger)
        let producer = self.producer
        await engine.attach(.init(
            commit: { try await consumer.commit($0) },
            deadLetter: { message in
                let report = await producer.send([message])
                if case let .failure(error) = report.first { throw error }
            },
            highWatermark: { consumer.cachedWatermarks($0)?.high }
        ))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await consume(consumer) }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(250))
                    await engine.tick()
                }
            }
            try? await gracefulShutdown()
            logger.info("shutting down: flushing buffers")
            await engine.stop(grace: .seconds(7))
            let files = await engine.flushAll()
            logger.info("final flush done", metadata: ["files": "\(files.count)"])
            await consumer.close()
            await producer.shutdown(timeout: .seconds(2))
            group.cancelAll()
        }
    }

    private func provisionTopics() async -> Bool {
        await admin.provisionTopics(EventTopics.all.map { .init(name: $0, partitions: topicPartitions) }, logger: logger)
    }

    private func consume(_ consumer: KafkaConsumer) async {
        // Records go to the engine a run at a time (one actor hop per run, not per record);
        // partition changes stay in their place between them.
        for await batch in consumer.eventBatches() {
            var records: [ConsumedRecord] = []
            for event in batch {
                switch event {
                case let .message(message):
                    records.append(ConsumedRecord(message))
                case let .partitionsAssigned(partitions):
                    await engine.handle(records)
                    records = []
                    let committed = (try? await consumer.committed(partitions)) ?? []
                    await engine.assigned(partitions, committed: committed)
                case let .partitionsRevoked(partitions, rebalance):
                    await engine.handle(records)
                    records = []
                    await engine.revoke(partitions)
                    rebalance.complete()
                }
            }
            await engine.handle(records)
        }
    }
}
