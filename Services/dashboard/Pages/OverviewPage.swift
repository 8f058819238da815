/// Overview: total plays, unique tracks and artists, minutes listened, active users, plays
/// "today" (the range's last day) against the 7 days before it.
enum OverviewPage {
    static func render(_ metrics: OverviewMetrics) -> String {
        guard metrics.plays > 0 else {
            return Notice.empty(
                "No plays match these filters",
                "Widen the date range or clear the device and user filters. On a new platform, send events to ingest-service (or start the simulator) and run the pipeline: lake-writer flush, warehouse-loader load, dbt build.")
        }
        let change = metrics.sevenDayAverage > 0
            ? (Double(metrics.playsOnReferenceDay) - metrics.sevenDayAverage) / metrics.sevenDayAverage * 100 : nil
        let changeText = change.map { ($0 >= 0 ? "▲ " : "▼ ") + HTML.decimal(abs($0), digits: 0) + " % vs the 7-day average" } ?? "no plays in the 7 days before"
        let changeClass = (change ?? 0) >= 0 ? "up" : "down"
        return """
        <section class="grid" aria-label="Totals">
        \(kpi("plays", "Total plays", value: metrics.plays))
        \(kpi("unique-tracks", "Unique tracks", value: metrics.uniqueTracks))
        \(kpi("unique-artists", "Unique artists", value: metrics.uniqueArtists))
        <div class="card kpi" data-metric="minutes"><div class="label">Minutes listened</div><div class="value" data-value="\(HTML.decimal(metrics.minutesListened, digits: 0).replacingOccurrences(of: ",", with: ""))">\(HTML.decimal(metrics.minutesListened, digits: 0))</div><div class="detail">\(HTML.decimal(metrics.minutesListened / 60, digits: 1)) hours</div></div>
        \(kpi("active-users", "Active users", value: metrics.activeUsers))
        </section>
        <section class="grid two" aria-label="Today">
        <div class="card kpi" data-metric="plays-today"><div class="label">Plays on \(HTML.escape(metrics.referenceDay))</div><div class="value" data-value="\(metrics.playsOnReferenceDay)">\(HTML.number(metrics.playsOnReferenceDay))</div><div class="detail \(changeClass)">\(changeText)</div></div>
        <div class="card kpi" data-metric="seven-day-average"><div class="label">7-day average (the 7 days before)</div><div class="value" data-value="\(HTML.decimal(metrics.sevenDayAverage, digits: 1).replacingOccurrences(of: ",", with: ""))">\(HTML.decimal(metrics.sevenDayAverage, digits: 1))</div><div class="detail">plays per day</div></div>
        </section>
        """
    }

    private static func kpi(_ metric: String, _ label: String, value: Int) -> String {
        "<div class=\"card kpi\" data-metric=\"\(metric)\"><div class=\"label\">\(label)</div><div class=\"value\" data-value=\"\(value)\">\(HTML.number(value))</div></div>"
    }
}
