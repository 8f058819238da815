/// The filter bar: a GET form, so the filters live in the URL and a view can be shared.
enum FilterForm {
    static func render(page: DashboardPage, filter: AnalyticsFilter, users: [String], invalid: InvalidFilter?) -> String {
        var html = "<form class=\"filters\" method=\"get\" action=\"\(page.path)\" aria-label=\"Filters\">"
        if page.takesDateAndDeviceFilters {
            html += field("from", "From", input: "<input type=\"date\" id=\"from\" name=\"from\" value=\"\(HTML.escape(filter.from ?? ""))\">", invalid: invalid)
            html += field("to", "To", input: "<input type=\"date\" id=\"to\" name=\"to\" value=\"\(HTML.escape(filter.to ?? ""))\">", invalid: invalid)
            var select = "<select id=\"device\" name=\"device\"><option value=\"\">All devices</option>"
            for device in AnalyticsFilter.knownDevices {
                select += "<option value=\"\(device)\"\(filter.device == device ? " selected" : "")>\(device)</option>"
            }
            html += field("device", "Device", input: select + "</select>", invalid: invalid)
        }
        let userInput = "<input type=\"text\" id=\"user\" name=\"user\" list=\"known-users\" placeholder=\"\(page.takesDateAndDeviceFilters ? "All users" : "e.g. \(HTML.escape(users.first ?? "user_0001"))")\" value=\"\(HTML.escape(filter.user ?? ""))\" autocomplete=\"off\">"
        html += field("user", "User", input: userInput, invalid: invalid)
        html += "<datalist id=\"known-users\">" + users.map { "<option value=\"\(HTML.escape($0))\">" }.joined() + "</datalist>"
        html += "<div class=\"filter-actions\"><button type=\"submit\">Apply</button>"
        html += "<a class=\"button-link\" href=\"\(page.path)\">Reset</a></div></form>"
        if let invalid {
            html += Notice.error("That filter cannot be used", invalid.message)
        }
        return html
    }

    private static func field(_ name: String, _ label: String, input: String, invalid: InvalidFilter?) -> String {
        let flagged = invalid?.field == name ? " class=\"field invalid\"" : " class=\"field\""
        return "<div\(flagged)><label for=\"\(name)\">\(label)</label>\(input)</div>"
    }
}
