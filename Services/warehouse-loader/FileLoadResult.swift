/// How loading one file ended (transient trouble is thrown instead, and retried next run).
enum FileLoadResult: Sendable, Equatable {
    /// `rows` in the file, `added` of them new to bronze (the others' Kafka records it held already:
    /// a compacted file, or a range written twice after a lake-writer crash).
    case loaded(rows: Int, added: Int)
    /// Loaded meanwhile by another instance.
    case skipped(reason: String)
    /// Gone from the lake since it was listed: lake-writer's compaction rewrote it into a file
    /// written before it was deleted, so listing again finds that file.
    case vanished
    /// Another transaction holds the file's lock: another instance is loading it, or a killed
    /// loader's backend has not yet noticed that its client is gone. Tried again before the run ends.
    case busy
    /// Quarantined in `load_history`.
    case failed(error: String)
}
