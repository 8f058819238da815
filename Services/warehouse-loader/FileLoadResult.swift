/// How loading one file ended (transient trouble is thrown instead, and retried next run).
enum FileLoadResult: Sendable, Equatable {
    case loaded(rows: Int)
    /// Another instance holds the file, has loaded it meanwhile, or it vanished from the lake.
    case skipped(reason: String)
    /// Quarantined in `load_history`.
    case failed(error: String)
}
