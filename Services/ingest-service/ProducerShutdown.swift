import Kafka
import ServiceLifecycle

/// Flushes the producer when the service stops, after the HTTP server has stopped taking
/// requests, so every record of an answered request is acknowledged before exit.
struct ProducerShutdown: Service {
    let producer: KafkaProducer
    let timeout: Duration

    func run() async throws {
        try? await gracefulShutdown()
        await producer.shutdown(timeout: timeout)
    }
}
