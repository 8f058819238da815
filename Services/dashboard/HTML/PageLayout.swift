/// The frame of every page: head, navigation (keeping the filters), main content, footer.
enum PageLayout {
    static func render(page: DashboardPage, heading: String, subtitle: String, filter: AnalyticsFilter, body: String, script: String? = nil) -> String {
        let links = DashboardPage.allCases.map { target -> String in
            let query = target.takesDateAndDeviceFilters ? filter.queryString : AnalyticsFilter(user: filter.user).queryString
            let current = target == page ? " aria-current=\"page\"" : ""
            return "<a href=\"\(target.path)\(HTML.escape(query))\"\(current)>\(target.title)</a>"
        }.joined()
        var html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(heading)) · Listening dashboard</title>
        <style>\(DashboardStyle.css)</style>
        </head><body>
        <header class="top"><a class="brand" href="/">Listening <span>dashboard</span></a>
        <nav class="pages" aria-label="Pages">\(links)</nav></header>
        <main><h1>\(HTML.escape(heading))</h1><p class="subtitle">\(HTML.escape(subtitle))</p>
        \(body)
        </main>
        <footer>Served by the dashboard service · data from the warehouse's gold tables and recommender-api</footer>
        """
        if let script { html += "<script>\(script)</script>" }
        html += "</body></html>"
        return html
    }
}
