/// What a comparison of the lake listing with `load_history` found.
struct DiscoveryResult: Sendable {
    /// New files, loaded or failed files that changed since, and (on request) failed files to retry.
    var pending: [PendingFile] = []
    /// Loaded files whose content changed since, not reported before (pending too).
    var newlyChanged: [PendingFile] = []
    /// Failed files left alone because they did not change.
    var quarantined = 0
}
