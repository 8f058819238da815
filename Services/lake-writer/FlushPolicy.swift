/// When buffers (one topic-partition × event hour each) become files.
///
/// A file per buffer flush and a buffer per partition-hour mean the file count is set by how
/// often a partition-hour is cut. Cutting every buffer at a fixed age (the first design) cut an
/// hour of live traffic into a file a minute per partition. So time only closes a buffer once
/// its partition-hour has gone quiet (`idle`: the hour is over, or traffic paused), with `maxAge`
/// as the backstop for an hour that never goes quiet; size limits cut early, and the memory
/// budget writes the largest buffers first when all of them together grow too big.
struct FlushPolicy: Sendable {
    /// A buffer reaching this many events is written.
    var maxEvents: Int
    /// A buffer whose columns reach this many bytes in memory is written.
    var maxBytes: Int
    /// A buffer that took no new event for this long is written.
    var idle: Duration
    /// A buffer this old is written even if events keep arriving (late events of an hour).
    var maxAge: Duration
    /// All buffers' columns together, in memory: above it the largest are written until a
    /// quarter is freed.
    var memoryBudgetBytes: Int
    /// Files one flush writes at once. A file waits on storage (two fsyncs locally, a PUT on S3)
    /// longer than it takes the CPU to encode, and a backlog spread over days flushes thousands
    /// of small partition-hours at a time: one by one, the writer mostly waited.
    var concurrentWrites = 4

    /// What librdkafka may fetch ahead, a sixteenth of the budget (16 MiB at the default): it holds
    /// more than that in memory (see `KafkaConsumerConfiguration.prefetchBytes`), and the budget
    /// is meant to bound the whole process.
    var prefetchBytes: Int { max(1 << 20, memoryBudgetBytes / 16) }
}
