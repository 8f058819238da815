import Foundation
import Kafka

/// Records gathered by a reader task while the test waits.
final class CollectedRecords: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [KafkaConsumerMessage] = []

    func append(_ record: KafkaConsumerMessage) { lock.withLock { stored.append(record) } }
    var records: [KafkaConsumerMessage] { lock.withLock { stored } }
}
