import Foundation
import Metrics

/// warehouse-loader's series on `/metrics`; HTTP request series come from the shared middleware.
struct LoaderMetrics: Sendable {
    private let pending = Gauge(label: "warehouse_loader_files_pending")
    private let loaded = Counter(label: "warehouse_loader_files_loaded_total")
    private let failed = Counter(label: "warehouse_loader_files_failed_total")
    private let changed = Counter(label: "warehouse_loader_files_changed_total")
    private let rows = Counter(label: "warehouse_loader_rows_loaded_total")
    private let rowsPerSecond = Gauge(label: "warehouse_loader_rows_per_second")
    private let lastLoad = Gauge(label: "warehouse_loader_last_load_timestamp_seconds")
    private let runErrors = Counter(label: "warehouse_loader_run_errors_total")

    func discovered(pending count: Int) { pending.record(count) }

    func record(_ report: LoadReport) {
        loaded.increment(by: report.filesLoaded.count)
        failed.increment(by: report.failures.count)
        changed.increment(by: report.changedFiles.count)
        rows.increment(by: report.rowsLoaded)
        if report.rowsLoaded > 0, report.seconds > 0 { rowsPerSecond.record(Double(report.rowsLoaded) / report.seconds) }
        lastLoad.record(Date().timeIntervalSince1970)
    }

    func runFailed() { runErrors.increment() }
}
