/// Top content: the 10 most played tracks, artists and albums with their play counts.
enum TopContentPage {
    static func render(_ top: TopContent) -> String {
        guard !top.tracks.isEmpty else {
            return Notice.empty("No plays match these filters", "Widen the date range or clear the device and user filters to see the most played content.")
        }
        return """
        <div class="grid two">
        \(table(id: "top-tracks", heading: "Top tracks", items: top.tracks))
        \(table(id: "top-artists", heading: "Top artists", items: top.artists))
        </div>
        <div class="grid two">\(table(id: "top-albums", heading: "Top albums", items: top.albums))</div>
        """
    }

    private static func table(id: String, heading: String, items: [RankedItem]) -> String {
        let maximum = max(1, items.map(\.plays).max() ?? 1)
        var rows = ""
        for (index, item) in items.enumerated() {
            let share = Double(item.plays) / Double(maximum) * 100
            var name = "<strong>\(HTML.escape(item.name))</strong>"
            if let artist = item.artist { name += "<br><span class=\"muted\">\(HTML.escape(artist))</span>" }
            if let trackID = item.trackID {
                name += " · <a class=\"play\" href=\"\(HTML.escape(HTML.spotifyTrackURL(trackID)))\" rel=\"noopener\" target=\"_blank\">Play on Spotify</a>"
            }
            name += "<div class=\"inline-bar\" aria-hidden=\"true\"><span style=\"width:\(HTML.decimal(share, digits: 1))%\"></span></div>"
            rows += "<tr><td class=\"rank\">\(index + 1)</td><td>\(name)</td><td class=\"num\" data-plays=\"\(item.plays)\">\(HTML.number(item.plays))</td></tr>"
        }
        let body = items.isEmpty ? "<p class=\"muted\">Nothing to list for these filters.</p>"
            : "<table><thead><tr><th>#</th><th>Name</th><th class=\"num\">Plays</th></tr></thead><tbody>\(rows)</tbody></table>"
        return "<section class=\"card\" id=\"\(id)\" aria-labelledby=\"\(id)-heading\"><h2 id=\"\(id)-heading\">\(heading)</h2>\(body)</section>"
    }
}
