import Metrics

/// lake-writer's series on `/metrics` (HTTP request series come from the shared middleware).
struct LakeWriterMetrics: Sendable {
    func fileWritten(topic: String, bytes: Int, events: Int, seconds: Double) {
        Counter(label: "lake_writer_files_written_total", dimensions: [("topic", topic)]).increment()
        Counter(label: "lake_writer_bytes_written_total", dimensions: [("topic", topic)]).increment(by: bytes)
        Counter(label: "lake_writer_events_written_total", dimensions: [("topic", topic)]).increment(by: events)
        Timer(label: "lake_writer_file_write_seconds").recordSeconds(seconds)
    }

    func flushed(seconds: Double) {
        Timer(label: "lake_writer_flush_seconds").recordSeconds(seconds)
    }

    func storageRetry() {
        Counter(label: "lake_writer_storage_retries_total").increment()
    }

    func storageFailing(_ failing: Bool) {
        Gauge(label: "lake_writer_storage_failing").record(failing ? 1 : 0)
    }

    func deadLettered(topic: String) {
        Counter(label: "lake_writer_dlq_records_total", dimensions: [("topic", topic)]).increment()
    }

    func compacted(topic: String, inputs: Int, duplicatesDropped: Int) {
        Counter(label: "lake_writer_compactions_total", dimensions: [("topic", topic)]).increment()
        Counter(label: "lake_writer_compacted_files_total", dimensions: [("topic", topic)]).increment(by: inputs)
        Counter(label: "lake_writer_compaction_duplicates_dropped_total", dimensions: [("topic", topic)]).increment(by: duplicatesDropped)
    }

    func compactionFailed() {
        Counter(label: "lake_writer_compaction_failures_total").increment()
    }

    /// 1 while a compaction pass works through settled partition-hours (the fault suite kills
    /// lake-writer then).
    func compacting(_ running: Bool) {
        Gauge(label: "lake_writer_compacting").record(running ? 1 : 0)
    }

    func partition(topic: String, partition: Int32, lag: Int64?, buffered: Int) {
        let dimensions = [("topic", topic), ("partition", String(partition))]
        if let lag { Gauge(label: "lake_writer_consumer_lag", dimensions: dimensions).record(lag) }
        Gauge(label: "lake_writer_buffered_events", dimensions: dimensions).record(buffered)
    }
}
