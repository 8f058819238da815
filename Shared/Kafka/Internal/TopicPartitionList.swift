import CRdKafka

/// Conversions between Swift partition values and `rd_kafka_topic_partition_list_t`.
enum TopicPartitionList {
    /// A new list the caller must destroy with `rd_kafka_topic_partition_list_destroy`.
    static func make(_ entries: [KafkaTopicPartitionOffset]) -> UnsafeMutablePointer<rd_kafka_topic_partition_list_t> {
        let list = rd_kafka_topic_partition_list_new(Int32(entries.count))!
        for entry in entries {
            let element = rd_kafka_topic_partition_list_add(list, entry.topic, entry.partition)!
            element.pointee.offset = entry.offset ?? Int64(RD_KAFKA_OFFSET_INVALID)
        }
        return list
    }

    static func make(_ partitions: [KafkaTopicPartition]) -> UnsafeMutablePointer<rd_kafka_topic_partition_list_t> {
        make(partitions.map { KafkaTopicPartitionOffset(topic: $0.topic, partition: $0.partition, offset: nil) })
    }

    static func entries(_ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> [KafkaTopicPartitionOffset] {
        (0..<Int(list.pointee.cnt)).map { index in
            let element = list.pointee.elems[index]
            return KafkaTopicPartitionOffset(
                topic: String(cString: element.topic),
                partition: element.partition,
                offset: element.offset >= 0 ? element.offset : nil
            )
        }
    }

    /// The first per-partition error in a result list, if any.
    static func firstError(_ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> KafkaError? {
        for index in 0..<Int(list.pointee.cnt) {
            let element = list.pointee.elems[index]
            if element.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                return KafkaError(element.err, context: "\(String(cString: element.topic))[\(element.partition)]")
            }
        }
        return nil
    }
}
