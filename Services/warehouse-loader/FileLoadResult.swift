/// How loading one file ended (transient trouble is thrown instead, and retried next run).
enum FileLoadResult: Sendable, Equatable {
    case loaded(rows: Int)
    /// Loaded meanwhile by another instance, or it vanished from the lake.
    case skipped(reason: String)
    /// Another transaction holds the file's lock: another instance is loading it, or a killed
    /// loader's backend has not yet noticed that its client is gone. Tried again before the run ends.
    case busy
    /// Quarantined in `load_history`.
    case failed(error: String)
}
