import Foundation
import Lake
import Logging
import Postgres
import Retry

/// Runs loads one at a time (poller and `POST /load` share it) and remembers the last one.
actor WarehouseLoader {
    let schema: String
    let pollSeconds: Int
    private let pool: PostgresConnectionPool
    private let discovery: FileDiscovery
    private let fileLoader: FileLoader
    private let metrics = LoaderMetrics()
    private let logger: Logger
    private var migrated = false
    private var running: Task<LoadReport, any Error>?
    private var lastReport: LoadReport?
    private var lastError: String?
    private var lastPending: Int?

    init(lake: any LakeStorage, pool: PostgresConnectionPool, schema: String, pollSeconds: Int, logger: Logger) {
        self.schema = schema
        self.pollSeconds = pollSeconds
        self.pool = pool
        self.logger = logger
        discovery = FileDiscovery(lake: lake)
        fileLoader = FileLoader(lake: lake, pool: pool, schema: schema, logger: logger)
    }

    /// Applies pending migrations once per process (again after a failure).
    func migrate() async throws {
        guard !migrated else { return }
        try await SchemaMigrator(schema: schema, logger: logger).migrate(pool)
        migrated = true
    }

    /// Loads every new file now. A run already in progress is waited for first, so the caller's
    /// files (written before it called) are always covered.
    /// `progress` hears (files done, files listed, rows added) after each file.
    func loadNew(retryFailed: Bool = false, progress: (@Sendable (Int, Int, Int) -> Void)? = nil) async throws -> LoadReport {
        while let current = running { _ = try? await current.value }
        // The task clears `running` itself, on the actor, before any waiter can look again.
        let task = Task {
            defer { self.running = nil }
            return try await self.performRun(retryFailed: retryFailed, progress: progress)
        }
        running = task
        do {
            let report = try await task.value
            lastReport = report
            lastError = nil
            return report
        } catch {
            lastError = "\(error)"
            metrics.runFailed()
            throw error
        }
    }

    private func performRun(retryFailed: Bool, progress: (@Sendable (Int, Int, Int) -> Void)?) async throws -> LoadReport {
        try await migrate()
        var report = LoadReport(startedAt: Date())
        let start = ContinuousClock.now
        var busy: [PendingFile] = []
        // Compaction rewrites a settled hour's files into one and deletes them only after the new
        // file is stored, so a file that vanished between listing and reading is in a file the
        // next listing finds: the run lists again until nothing it listed is gone. Otherwise a
        // `/load` could return without the records of rolls compacted during it.
        for round in 1...Self.listingRounds {
            let found = try await discover(retryFailed: retryFailed)
            report.quarantined = found.quarantined
            if !found.newlyChanged.isEmpty {
                try await reportChanged(found.newlyChanged)
                report.changedFiles += found.newlyChanged.map(\.key)
            }
            var remaining = found.pending.count, vanished = 0
            for file in found.pending {
                switch try await load(file, into: &report) {
                case .busy: busy.append(file)
                case .vanished: vanished += 1
                default: break
                }
                remaining -= 1
                lastPending = remaining
                metrics.discovered(pending: remaining)
                progress?(found.pending.count - remaining, found.pending.count, report.rowsLoaded)
            }
            guard vanished > 0 else { break }
            if round == Self.listingRounds {
                logger.warning("lake files kept vanishing while being loaded; left for the next run", metadata: ["files": "\(vanished)"])
            } else {
                logger.info("lake files compacted while being loaded; listing again", metadata: ["files": "\(vanished)"])
            }
        }
        busy = Array(Dictionary(busy.map { ($0.key, $0) }, uniquingKeysWith: { _, later in later }).values)
        // A run ends only when every file it found is loaded, by this instance or another: a file
        // whose lock is held is tried again until the holder commits (then it reads "already
        // loaded") or goes away (a SIGKILLed loader's backend ends its transaction once it notices).
        // Each retry fetches the file again, so the pause doubles (0.25 s up to 4 s) rather than
        // re-reading a large file four times a second for a minute.
        let deadline = ContinuousClock.now + .seconds(Self.busyWaitSeconds)
        var pause = Backoff(initial: .milliseconds(250), maximum: .seconds(4))
        while !busy.isEmpty {
            guard ContinuousClock.now < deadline else {
                report.skipped += busy.count
                logger.warning("lake files still locked by another transaction; left for the next run",
                               metadata: ["files": "\(busy.count)", "waited_s": "\(Self.busyWaitSeconds)"])
                break
            }
            try await Task.sleep(for: pause.next())
            var stillBusy: [PendingFile] = []
            for file in busy {
                if case .busy = try await load(file, into: &report) { stillBusy.append(file) }
            }
            busy = stillBusy
        }
        report.seconds = (ContinuousClock.now - start).seconds
        metrics.record(report)
        if !report.filesLoaded.isEmpty || !report.failures.isEmpty {
            logger.info("load run finished", metadata: [
                "files": "\(report.filesLoaded.count)", "rows": "\(report.rowsLoaded)", "failures": "\(report.failures.count)",
                "seconds": "\(report.seconds)",
            ])
        }
        return report
    }

    /// How many times a run lists the lake when files vanish under it (each compaction pass can
    /// remove files once; more rounds than that mean the lake is being rewritten continuously).
    static let listingRounds = 5

    /// How long a run waits for files another transaction holds before leaving them to the next run.
    static let busyWaitSeconds = 60

    /// Loads one file and records the outcome in the run's report; `.busy` is the caller's to retry.
    private func load(_ file: PendingFile, into report: inout LoadReport) async throws -> FileLoadResult {
        let result = try await fileLoader.load(file)
        switch result {
        case let .loaded(rows, added):
            report.filesLoaded.append(.init(key: file.key, rows: added, rowsInFile: rows))
            logger.info("lake file loaded", metadata: ["key": "\(file.key)", "rows": "\(rows)", "table": "\(schema).\(file.dataset.table)"])
        case .skipped(let reason):
            report.skipped += 1
            logger.debug("lake file skipped", metadata: ["key": "\(file.key)", "reason": "\(reason)"])
        case .vanished:
            logger.debug("lake file gone since it was listed", metadata: ["key": "\(file.key)"])
        case .busy:
            break
        case .failed(let error):
            report.failures.append(FileFailure(key: file.key, error: error))
        }
        return result
    }

    private func discover(retryFailed: Bool) async throws -> DiscoveryResult {
        let files = try await discovery.list()
        let keys = files.map(\.1.key)
        let history = try await pool.withConnection { try await LoadHistory(schema: schema).entries(for: keys, $0) }
        let found = FileDiscovery.classify(files, history: history, retryFailed: retryFailed)
        lastPending = found.pending.count
        metrics.discovered(pending: found.pending.count)
        return found
    }

    private func reportChanged(_ files: [PendingFile]) async throws {
        let history = LoadHistory(schema: schema)
        for file in files {
            logger.warning("loaded lake file changed; loading the records bronze does not hold", metadata: ["key": "\(file.key)", "fingerprint": "\(file.fingerprint)"])
            try await pool.withConnection { try await history.recordChanged(key: file.key, fingerprint: file.fingerprint, size: file.size, $0) }
        }
    }

    /// `/status`: pending files are counted afresh (without loading) when the database answers.
    func status() async -> LoaderStatus {
        var failures: [FileFailure] = []
        var changed: [String] = []
        var pending = lastPending
        do {
            try await migrate()
            let history = LoadHistory(schema: schema)
            (failures, changed) = try await pool.withConnection { (try await history.failures($0), try await history.changedFiles($0)) }
            pending = try await discover(retryFailed: false).pending.count
        } catch {
            logger.warning("status incomplete", metadata: ["error": "\(error)"])
        }
        return LoaderStatus(
            lastLoad: lastReport, lastError: lastError, filesPending: pending, failures: failures, changedFiles: changed,
            pollSeconds: pollSeconds)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
