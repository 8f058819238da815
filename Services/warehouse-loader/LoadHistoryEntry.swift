/// What `load_history` says about one lake file.
struct LoadHistoryEntry: Sendable {
    enum Status: String, Sendable {
        case loaded
        case failed
    }

    let key: String
    let fingerprint: String
    let status: Status
    /// The fingerprint a rewrite was last reported with, so it is reported once, not every poll.
    let changedFingerprint: String?
}
