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
    }

    var partitions: [Partition]
    /// The last storage error while writes are being retried; nil when the lake is healthy.
    var storageError: String?

    enum CodingKeys: String, CodingKey {
        case partitions
        case storageError = "storage_error"
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
