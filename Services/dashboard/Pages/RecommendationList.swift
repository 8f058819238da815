/// A ranked list of recommendations with score bars, reasons, co-occurrence and affinity values
/// and "Play on Spotify" links; shared by the Recommendations and Now Playing pages.
enum RecommendationList {
    static func render(_ recommendations: [RecommendedTrack], id: String) -> String {
        var html = "<ol class=\"recs\" id=\"\(id)\">"
        for (index, track) in recommendations.enumerated() {
            let title = track.trackName ?? track.trackID
            html += "<li data-track-id=\"\(HTML.escape(track.trackID))\"><span class=\"rank\">\(track.rank ?? index + 1)</span>"
            html += "<div><div class=\"title\">\(HTML.escape(title))</div><div class=\"muted\">\(HTML.escape(track.artistName ?? "Unknown artist"))</div></div>"
            html += ScoreBar.render(track.recommendationScore)
            if let reason = track.reason, !reason.isEmpty { html += "<div class=\"reason\">\(HTML.escape(reason))</div>" }
            html += "<div class=\"values\">"
            if let cooccurrence = track.cooccurrenceScore { html += "<span>co-occurrence <strong>\(HTML.decimal(cooccurrence, digits: 3))</strong></span>" }
            if let affinity = track.artistAffinity { html += "<span>artist affinity <strong>\(HTML.decimal(affinity, digits: 1))</strong></span>" }
            html += "<a class=\"play\" href=\"\(HTML.escape(HTML.spotifyTrackURL(track.trackID)))\" rel=\"noopener\" target=\"_blank\">▶ Play on Spotify</a></div></li>"
        }
        return html + "</ol>"
    }
}
