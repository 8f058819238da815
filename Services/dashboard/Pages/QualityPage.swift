/// Data quality: per day, the plays silver kept and those it rejected, by reason (the filters
/// apply), a chart of the rejection rate, and silver_quality_summary's all-time checks.
enum QualityPage {
    static func render(_ quality: QualityData) -> String {
        var html = ""
        if quality.days.isEmpty {
            html += Notice.empty("No plays match these filters", "Widen the date range or clear the device and user filters to see what silver kept and rejected.")
        } else {
            let reasons = quality.reasons
            let accepted = quality.days.reduce(0) { $0 + $1.accepted }
            let rejected = quality.days.reduce(0) { $0 + $1.rejectedTotal }
            let rate = accepted + rejected == 0 ? 0 : Double(rejected) / Double(accepted + rejected) * 100
            html += """
            <div class="grid">
            <section class="card kpi" data-metric="accepted"><div class="label">Plays kept in silver</div><div class="value">\(HTML.number(accepted))</div></section>
            <section class="card kpi" data-metric="rejected"><div class="label">Rows rejected</div><div class="value">\(HTML.number(rejected))</div><div class="detail">\(HTML.decimal(rate, digits: 2)) % of bronze rows</div></section>
            </div>
            """
            let points = quality.days.map { day in
                let total = day.accepted + day.rejectedTotal
                let percent = total == 0 ? 0 : Double(day.rejectedTotal) / Double(total) * 100
                return ChartPoint(label: String(day.day.suffix(5)), tooltip: "\(day.day): \(HTML.number(day.rejectedTotal)) rejected of \(HTML.number(total)) (\(HTML.decimal(percent, digits: 2)) %)", value: percent)
            }
            let frame = ChartFrame(id: "chart-rejected", title: "Rejected rows per day, % of bronze",
                                   summary: "\(HTML.number(rejected)) rows rejected of \(HTML.number(accepted + rejected)) over \(quality.days.count) days.")
            html += "<section class=\"card\" aria-labelledby=\"rate-heading\"><h2 id=\"rate-heading\">Rejected per day <span class=\"muted\">(% of the day's bronze rows)</span></h2>"
                + BarChart.render(frame, points: points, valueLabel: "%", labelEvery: max(1, points.count / 12)) + "</section>"
            html += "<section class=\"card\" style=\"margin-top:16px\" aria-labelledby=\"days-heading\"><h2 id=\"days-heading\">Kept and rejected, by day and reason</h2><table id=\"quality-days\"><thead><tr><th scope=\"col\">Day (UTC)</th><th scope=\"col\">Kept</th><th scope=\"col\">Rejected</th>"
            html += reasons.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
            for day in quality.days {
                html += "<tr data-day=\"\(HTML.escape(day.day))\"><td>\(HTML.escape(day.day))</td><td>\(HTML.number(day.accepted))</td><td>\(HTML.number(day.rejectedTotal))</td>"
                html += reasons.map { "<td data-reason=\"\(HTML.escape($0))\">\(HTML.number(day.rejected[$0] ?? 0))</td>" }.joined() + "</tr>"
            }
            html += "</tbody></table><p class=\"muted\">Kept: plays in silver.silver_plays. Rejected: rows of bronze.plays in silver.silver_plays_rejected, each with the first rule it broke (a later copy of an event is a <em>duplicate</em>).</p></section>"
        }
        html += "<section class=\"card\" style=\"margin-top:16px\" aria-labelledby=\"checks-heading\"><h2 id=\"checks-heading\">All checks <span class=\"muted\">(silver_quality_summary, all time, not filtered)</span></h2>"
        if quality.checks.isEmpty {
            html += "<p class=\"muted\">silver_quality_summary is empty: dbt has not built silver yet.</p>"
        } else {
            html += "<table id=\"quality-checks\"><thead><tr><th scope=\"col\">Dataset</th><th scope=\"col\">Check</th><th scope=\"col\">Rows</th></tr></thead><tbody>"
            for check in quality.checks {
                html += "<tr><td>\(HTML.escape(check.dataset))</td><td>\(HTML.escape(check.check))</td><td>\(HTML.number(check.rows))</td></tr>"
            }
            html += "</tbody></table>"
        }
        return html + "</section>"
    }
}
