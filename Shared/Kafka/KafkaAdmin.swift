import CRdKafka
import Foundation

/// Cluster administration: topic creation and metadata (also the readiness probe of services).
public final class KafkaAdmin: Sendable {
    nonisolated(unsafe) private let handle: OpaquePointer

    public init(configuration: KafkaClientConfiguration) throws {
        let conf = try RdKafkaConfig.make(configuration.librdkafkaProperties(defaults: [:]))
        handle = try RdKafkaConfig.makeClient(type: RD_KAFKA_PRODUCER, conf: conf)
    }

    deinit { Blocking.destroy(handle) }

    /// A topic to create.
    public struct NewTopic: Sendable {
        public var name: String
        public var partitions: Int
        public var replicationFactor: Int

        public init(name: String, partitions: Int, replicationFactor: Int = 1) {
            self.name = name
            self.partitions = partitions
            self.replicationFactor = replicationFactor
        }
    }

    /// Creates the topics that do not exist yet; existing ones are left as they are.
    public func createTopics(_ topics: [NewTopic], timeout: Duration = .seconds(10)) async throws(KafkaError) {
        nonisolated(unsafe) let handle = self.handle
        let error: KafkaError? = await Blocking.runCancellable { cancellation in
            var errorText = [CChar](repeating: 0, count: 512)
            var newTopics: [OpaquePointer?] = []
            defer { newTopics.forEach { rd_kafka_NewTopic_destroy($0) } }
            for topic in topics {
                guard let newTopic = rd_kafka_NewTopic_new(topic.name, Int32(topic.partitions), Int32(topic.replicationFactor), &errorText, errorText.count) else {
                    return KafkaError(code: .configuration, message: "topic \(topic.name): \(String(errorBuffer: errorText))")
                }
                newTopics.append(newTopic)
            }
            let queue = rd_kafka_queue_new(handle)
            defer { rd_kafka_queue_destroy(queue) }
            let options = rd_kafka_AdminOptions_new(handle, RD_KAFKA_ADMIN_OP_CREATETOPICS)
            defer { rd_kafka_AdminOptions_destroy(options) }
            _ = rd_kafka_AdminOptions_set_request_timeout(options, Int32(clamping: timeout.milliseconds), &errorText, errorText.count)
            rd_kafka_CreateTopics(handle, &newTopics, newTopics.count, options, queue)
            // Short polls, so a cancelled caller (a service shutting down) is released at once.
            let deadline = ContinuousClock.now + timeout + .seconds(1)
            var answer: OpaquePointer?
            while answer == nil && ContinuousClock.now < deadline && !cancellation.isCancelled {
                answer = rd_kafka_queue_poll(queue, 100)
            }
            guard let event = answer else {
                if cancellation.isCancelled { return KafkaError(code: .shutDown, message: "creating topics: cancelled") }
                return KafkaError(code: .timedOut, message: "creating topics: no answer from the cluster within \(timeout)")
            }
            defer { rd_kafka_event_destroy(event) }
            if rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR {
                return KafkaError(rd_kafka_event_error(event), context: "creating topics")
            }
            let result = rd_kafka_event_CreateTopics_result(event)
            var count = 0
            guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return nil }
            for index in 0..<count {
                let err = rd_kafka_topic_result_error(results[index])
                if err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS {
                    return KafkaError(err, context: "creating topic \(String(cString: rd_kafka_topic_result_name(results[index])))")
                }
            }
            return nil
        }
        if let error { throw error }
    }

    /// Topic names and partition counts, as the cluster reports them now.
    public func topics(timeout: Duration = .seconds(5)) async throws(KafkaError) -> [String: Int] {
        nonisolated(unsafe) let handle = self.handle
        let result: Result<[String: Int], KafkaError> = await Blocking.run {
            var metadata: UnsafePointer<rd_kafka_metadata>?
            let err = rd_kafka_metadata(handle, 1, nil, &metadata, Int32(clamping: timeout.milliseconds))
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
                return .failure(KafkaError(err, context: "metadata request"))
            }
            defer { rd_kafka_metadata_destroy(metadata) }
            var topics: [String: Int] = [:]
            for index in 0..<Int(metadata.pointee.topic_cnt) {
                let topic = metadata.pointee.topics[index]
                if topic.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                    topics[String(cString: topic.topic)] = Int(topic.partition_cnt)
                }
            }
            return .success(topics)
        }
        return try result.get()
    }

    /// Succeeds when a broker answers a metadata request within `timeout`.
    public func ping(timeout: Duration = .seconds(2)) async throws(KafkaError) {
        _ = try await topics(timeout: timeout)
    }
}
