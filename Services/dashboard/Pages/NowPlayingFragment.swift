import Foundation
import ServiceRuntime

/// The part of Now Playing that refreshes every 5 s: the current track, its recommendations and
/// recommender-api's cache hit rate. Served alone at `/now-playing/fragment` for the poller script.
enum NowPlayingFragment {
    static func render(user: String, snapshot: Result<NowPlayingSnapshot, Recommender.Failure>, stats: Result<Recommender.CacheStats, Recommender.Failure>, now: Date) -> String {
        var html = ""
        switch snapshot {
        case .failure(let failure):
            html += Notice.error("recommender-api is not answering", failure.description + " This page keeps trying every 5 seconds.")
        case .success(let snapshot):
            if let track = snapshot.nowPlaying {
                html += current(track, now: now)
                html += "<section class=\"card\" style=\"margin-top:16px\" aria-labelledby=\"np-recs-heading\"><h2 id=\"np-recs-heading\">Recommended next</h2>"
                html += snapshot.recommendations.isEmpty
                    ? "<p class=\"muted\">No recommendations for this track yet: it has not been played in enough sessions with other tracks.</p>"
                    : RecommendationList.render(Array(snapshot.recommendations.prefix(10)), id: "now-playing-recommendations")
                html += "</section>"
            } else {
                html += Notice.empty(
                    "Nothing playing for \(user) right now",
                    "When this user starts a track (a now_playing event sent to ingest-service, for example by the poller or the simulator), it appears here within seconds.")
            }
        }
        html += cacheLine(stats)
        return html
    }

    private static func current(_ track: Recommender.NowPlayingTrack, now: Date) -> String {
        let title = track.trackName ?? track.trackID
        let cover: String
        if let image = track.albumImageURL, image.hasPrefix("https://") || image.hasPrefix("http://") {
            cover = "<img class=\"cover\" src=\"\(HTML.escape(image))\" alt=\"Album art for \(HTML.escape(track.albumName ?? title))\" width=\"180\" height=\"180\">"
        } else {
            cover = GeneratedCover.render(trackID: track.trackID, title: title)
        }
        // A track that has ended (recommender-api's `live: false`) is the listener's last play.
        let ended = track.live == false
        var pills = ended ? "<span class=\"pill\" data-state=\"ended\">Last played</span>" : "<span class=\"pill live\" data-state=\"live\">Now playing</span>"
        if let device = track.deviceType { pills += "<span class=\"pill\">\(HTML.escape(device))</span>" }
        if let playedAt = track.playedAt {
            pills += "<span class=\"pill\">\(ended ? "at" : "since") \(HTML.escape(ClockText.describe(playedAt, now: now)))</span>"
        }
        return """
        <section class="card now" data-now-track="\(HTML.escape(track.trackID))" aria-label="Current track">\(cover)
        <div class="meta"><div>\(pills)</div><h2>\(HTML.escape(title))</h2><div class="artist">\(HTML.escape(track.artistName ?? "Unknown artist"))</div>
        <div class="muted">\(HTML.escape(track.albumName ?? ""))</div>
        <p><a class="button-link" href="\(HTML.escape(HTML.spotifyTrackURL(track.trackID)))" rel="noopener" target="_blank">▶ Play on Spotify</a></p></div></section>
        """
    }

    private static func cacheLine(_ stats: Result<Recommender.CacheStats, Recommender.Failure>) -> String {
        switch stats {
        case .success(let stats):
            let ratio = stats.effectiveHitRatio.map { HTML.decimal($0 * 100, digits: 1) + " %" } ?? "no lookups yet"
            let redis = stats.redisUp == false ? " · Redis is down: answers come from PostgreSQL" : ""
            return "<p class=\"muted\" id=\"cache-stats\" data-hit-ratio=\"\(stats.effectiveHitRatio ?? 0)\">Recommendation cache hit rate: <strong>\(ratio)</strong> (\(HTML.number(stats.hits)) hits, \(HTML.number(stats.misses)) misses since recommender-api started)\(redis)</p>"
        case .failure:
            return "<p class=\"muted\" id=\"cache-stats\">Cache hit rate unavailable (recommender-api /cache/stats did not answer).</p>"
        }
    }
}
