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

    /// Unknown values are written as null, not left out (the synthesized encoder drops nil
    /// optionals): the contract names every key, before the first load as after it.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lastLoad, forKey: .lastLoad)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(filesPending, forKey: .filesPending)
        try container.encode(failures, forKey: .failures)
        try container.encode(changedFiles, forKey: .changedFiles)
        try container.encode(pollSeconds, forKey: .pollSeconds)
    }
}
