import Foundation
import Metrics

/// warehouse-loader's series on `/metrics`; HTTP request series come from the shared middleware.
/// Handles are looked up per use (the factory caches them), so a loader built before the metrics
/// system is bootstrapped still reports.
struct LoaderMetrics: Sendable {
    func discovered(pending count: Int) {
        Gauge(label: "warehouse_loader_files_pending").record(count)
    }

    func record(_ report: LoadReport) {
        Counter(label: "warehouse_loader_files_loaded_total").increment(by: report.filesLoaded.count)
        Counter(label: "warehouse_loader_files_failed_total").increment(by: report.failures.count)
        Counter(label: "warehouse_loader_files_changed_total").increment(by: report.changedFiles.count)
        Counter(label: "warehouse_loader_rows_loaded_total").increment(by: report.rowsLoaded)
        if report.rowsLoaded > 0, report.seconds > 0 {
            Gauge(label: "warehouse_loader_rows_per_second").record(Double(report.rowsLoaded) / report.seconds)
        }
        Gauge(label: "warehouse_loader_last_load_timestamp_seconds").record(Date().timeIntervalSince1970)
    }

    func runFailed() {
        Counter(label: "warehouse_loader_run_errors_total").increment()
    }
}
