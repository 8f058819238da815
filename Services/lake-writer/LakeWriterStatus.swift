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

    /// Records the topics hold that lake-writer has neither buffered nor committed, summed over
    /// its partitions. Nil while it holds no partition or does not know a high watermark yet
    /// (right after a start, until the first fetch answers): a caller waiting for "caught up"
    /// must not read it from missing figures. Summing `high - committed` with an unknown high as
    /// 0 made a restarted lake-writer look caught up while it still had the whole backlog to read.
    var behind: Int64? {
        guard !partitions.isEmpty else { return nil }
        var total: Int64 = 0
        for partition in partitions {
            guard let high = partition.highWatermark else { return nil }
            total += max(0, high - (partition.committedOffset ?? 0) - Int64(partition.bufferedEvents))
        }
        return total
    }

    enum CodingKeys: String, CodingKey {
        case partitions
        case storageError = "storage_error"
    }

    private enum EncodedKeys: String, CodingKey {
        case partitions, behind
        case storageError = "storage_error"
    }

    /// `storage_error` and `behind` are null when unknown, not absent.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: EncodedKeys.self)
        try container.encode(partitions, forKey: .partitions)
        try container.encode(behind, forKey: .behind)
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
