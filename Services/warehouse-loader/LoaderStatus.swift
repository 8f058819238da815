import Foundation

/// `GET /status`.
struct LoaderStatus: Sendable, Encodable {
    let lastLoad: LoadReport?
    let lastError: String?
    let filesPending: Int?
    let failures: [FileFailure]
    let changedFiles: [String]
    let pollSeconds: Int

    enum CodingKeys: String, CodingKey {
        case lastLoad = "last_load", lastError = "last_error", filesPending = "files_pending", failures
        case changedFiles = "changed_files", pollSeconds = "poll_seconds"
    }
}
