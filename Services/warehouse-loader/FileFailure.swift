/// A quarantined file, as `/status` and `POST /load` report it.
struct FileFailure: Sendable, Codable, Equatable {
    let key: String
    let error: String
    var attempts: Int = 1
}
