import Foundation
import Logging
import ServiceRuntime

/// `warehouse-loader load`: one load run without the HTTP server (benchmarks, cron, recovery),
/// printing the report as one JSON line; exits 1 when the run failed or a file was quarantined.
enum LoadOnceCommand {
    static func run(environment: ServiceEnvironment = ServiceEnvironment()) async -> Never {
        LoggingSystem.bootstrap { _ in JSONLogHandler(service: "warehouse-loader", level: .warning, sink: { FileHandle.standardError.write(Data($0.utf8)) }) }
        let logger = Logger(label: "warehouse-loader")
        do {
            let configuration = try WarehouseLoaderConfiguration(environment)
            let (loader, pool, _) = try makeWarehouseLoader(configuration, logger: logger)
            // Progress on stderr (in place on a terminal, a plain line every 5 s elsewhere);
            // the report stays the only thing on stdout.
            let progress = ProgressReporter(label: "load", unit: "files")
            let report = try await loader.loadNew(retryFailed: try environment.bool("WAREHOUSE_LOADER_RETRY_FAILED", default: false)) { done, listed, added in
                progress.update(done, detail: "of \(listed) listed, \(added) rows added")
            }
            progress.finish(report.filesLoaded.count, detail: "\(report.rowsLoaded) rows added in \(String(format: "%.1f", report.seconds)) s")

            await pool.close()
            FileHandle.standardOutput.write(try LoaderJSON.encode(report) + Data("\n".utf8))
            exit(report.failures.isEmpty ? 0 : 1)
        } catch {
            FileHandle.standardError.write(Data("warehouse-loader load: \(error)\n".utf8))
            exit(error is ConfigurationError ? 2 : 1)
        }
    }
}
