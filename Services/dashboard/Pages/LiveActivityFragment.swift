import Foundation
import ServiceRuntime

/// Now Playing without a user: every listener playing right now, newest first, each linking to
/// that listener's view. Entries whose track has ended (recommender-api says `live: false`) are
/// listed apart as last played. When nobody is playing, the page says so and shows the latest
/// plays from silver instead. Served alone at `/now-playing/fragment` for the refresh script.
enum LiveActivityFragment {
    static func render(activity: Result<LiveActivity, Recommender.Failure>, recentPlays: Result<[RecentPlay], any Error>?, now: Date) -> String {
        var html = ""
        var ended: [LiveActivity.Listener] = []
        switch activity {
        case .failure(let failure):
            html += Notice.error("Live activity is unavailable", failure.description + " This page keeps trying every 5 seconds; the latest plays below come from the warehouse.")
        case .success(let activity):
            let live = activity.listeners.filter { $0.nowPlaying.live != false }
            ended = activity.listeners.filter { $0.nowPlaying.live == false }
            if live.isEmpty {
                html += Notice.empty(
                    "Nobody is playing right now",
                    "A listener appears here within seconds of starting a track (a now_playing event sent to ingest-service, for example by the poller or the simulator). Below are the latest plays instead.")
            } else {
                html += "<section class=\"card\" aria-labelledby=\"live-heading\"><h2 id=\"live-heading\">Playing now · \(live.count) listener\(live.count == 1 ? "" : "s")</h2>"
                html += listenerTable(live, id: "live-listeners", now: now) + "</section>"
            }
        }
        if let recentPlays {
            html += "<section class=\"card\" style=\"margin-top:16px\" aria-labelledby=\"recent-heading\"><h2 id=\"recent-heading\">Latest plays</h2>"
            switch recentPlays {
            case .success(let plays) where plays.isEmpty:
                html += "<p class=\"muted\">The warehouse holds no plays yet.</p>"
            case .success(let plays):
                html += recentTable(plays, now: now)
            case .failure(let error):
                html += "<p class=\"muted\">The latest plays cannot be read: the warehouse (PostgreSQL) is not answering (\(HTML.escape("\(error)"))).</p>"
            }
            html += "</section>"
        }
        if !ended.isEmpty {
            html += "<section class=\"card\" style=\"margin-top:16px\" aria-labelledby=\"ended-heading\"><h2 id=\"ended-heading\">Last played</h2>"
            html += "<p class=\"muted\">Listeners whose last track has ended (its duration plus a minute has passed) and who have not started another.</p>"
            html += listenerTable(ended, id: "ended-listeners", now: now) + "</section>"
        }
        return html
    }

    private static func listenerTable(_ listeners: [LiveActivity.Listener], id: String, now: Date) -> String {
        var html = "<table id=\"\(id)\"><thead><tr><th scope=\"col\">Listener</th><th scope=\"col\">Track</th><th scope=\"col\">Device</th><th scope=\"col\">\(id == "live-listeners" ? "Since" : "Last played")</th></tr></thead><tbody>"
        for listener in listeners {
            let track = listener.nowPlaying
            let link = "/now-playing?user=" + AnalyticsFilter.percentEncoded(listener.userID)
            html += "<tr data-user=\"\(HTML.escape(listener.userID))\"><td><a href=\"\(HTML.escape(link))\">\(HTML.escape(listener.userID))</a></td>"
            html += "<td><div class=\"title\">\(HTML.escape(track.trackName ?? track.trackID))</div><div class=\"muted\">\(HTML.escape(track.artistName ?? "Unknown artist"))</div></td>"
            html += "<td>\(HTML.escape(track.deviceType ?? "–"))</td>"
            html += "<td>\(track.playedAt.map { HTML.escape(ClockText.describe($0, now: now)) } ?? "–")</td></tr>"
        }
        return html + "</tbody></table>"
    }

    private static func recentTable(_ plays: [RecentPlay], now: Date) -> String {
        var html = "<table id=\"recent-plays\"><thead><tr><th scope=\"col\">Listener</th><th scope=\"col\">Track</th><th scope=\"col\">Device</th><th scope=\"col\">Played</th></tr></thead><tbody>"
        for play in plays {
            let link = "/now-playing?user=" + AnalyticsFilter.percentEncoded(play.userID)
            html += "<tr data-user=\"\(HTML.escape(play.userID))\"><td><a href=\"\(HTML.escape(link))\">\(HTML.escape(play.userID))</a></td>"
            html += "<td><div class=\"title\">\(HTML.escape(play.trackName ?? play.trackID))</div><div class=\"muted\">\(HTML.escape(play.artistName ?? "Unknown artist"))</div></td>"
            html += "<td>\(HTML.escape(play.deviceType ?? "–"))</td>"
            html += "<td>\(HTML.escape(ClockText.utc(play.playedAt))) (\(HTML.escape(ClockText.ago(play.playedAt, now: now))))</td></tr>"
        }
        return html + "</tbody></table>"
    }
}
