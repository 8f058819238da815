/// `GET /status` and `POST /flush` bodies.
struct LakeWriterStatus: Codable, Sendable {
    struct Partition: Codable, Sendable {
        var topic: String
        var partition: Int32
        var committedOffset: Int64?
        var highWatermark: Int64?
        var lag: Int64?
        var bufferedEvents: Int
        var lastFiles: [String]

        enum CodingKeys: String, CodingKey {
            case topic, partition, lag
            case committedOffset = "committed_offset"
            case highWatermark = "high_watermark"
            case bufferedEvents = "buffered_events"
            case lastFiles = "last_files"
        }

        /// Unknown values are written as null, not left out (the synthesized encoder drops nil
        /// optionals): the contract names every key, and a partition with nothing committed yet
        /// still reports `committed_offset`.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(topic, forKey: .topic)
            try container.encode(partition, forKey: .partition)
            try container.encode(committedOffset, forKey: .committedOffset)
            try container.encode(highWatermark, forKey: .highWatermark)
            try container.encode(lag, forKey: .lag)
            try container.encode(bufferedEvents, forKey: .bufferedEvents)
            try container.encode(lastFiles, forKey: .lastFiles)
        }
    }

    var partitions: [Partition]
    /// The last storage error while writes are being retried; nil when the lake is healthy.
    var storageError: String?

    enum CodingKeys: String, CodingKey {
        case partitions
        case storageError = "storage_error"
    }

    /// `storage_error` is null while the lake is healthy, not absent.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(partitions, forKey: .partitions)
        try container.encode(storageError, forKey: .storageError)
    }
}

/// One file a flush wrote.
struct WrittenFile: Codable, Sendable {
    var key: String
    var events: Int
    var bytes: Int
}

struct FlushResult: Codable, Sendable {
    var files: [WrittenFile]
}
