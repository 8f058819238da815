import Foundation

/// The outcome of one load run: the `POST /load` reply and what `/status` shows as last load.
struct LoadReport: Sendable, Encodable, Equatable {
    struct LoadedFile: Sendable, Encodable, Equatable {
        let key: String
        /// Rows added to bronze: the file's Kafka records bronze did not hold yet.
        let rows: Int
        let rowsInFile: Int

        enum CodingKeys: String, CodingKey { case key, rows, rowsInFile = "rows_in_file" }
    }

    var startedAt: Date
    var seconds: Double = 0
    var filesLoaded: [LoadedFile] = []
    var failures: [FileFailure] = []
    /// Loaded files whose content changed afterwards, first noticed in this run.
    var changedFiles: [String] = []
    var skipped = 0
    /// Failed files left alone because they did not change (retry with `retry_failed`).
    var quarantined = 0

    var rowsLoaded: Int { filesLoaded.reduce(0) { $0 + $1.rows } }

    enum CodingKeys: String, CodingKey {
        case startedAt = "started_at", seconds, filesLoaded = "files_loaded", failures, changedFiles = "changed_files"
        case skipped, quarantined, rowsLoaded = "rows_loaded", filesLoadedCount = "files_loaded_count"
    }

    init(startedAt: Date) {
        self.startedAt = startedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(filesLoaded, forKey: .filesLoaded)
        try container.encode(filesLoaded.count, forKey: .filesLoadedCount)
        try container.encode(rowsLoaded, forKey: .rowsLoaded)
        try container.encode(failures, forKey: .failures)
        try container.encode(changedFiles, forKey: .changedFiles)
        try container.encode(skipped, forKey: .skipped)
        try container.encode(quarantined, forKey: .quarantined)
    }
}
