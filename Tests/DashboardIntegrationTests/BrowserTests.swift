import Foundation
import Postgres
import TestSupport
import Testing

/// The running executable, loaded by headless Chromium: each page renders its headings and
/// charts with no error text; screenshots (desktop and phone width) go to the test output.
@Suite("browser (headless Chromium)", .serialized, .integration)
struct BrowserTests {
    static func topUser() async throws -> String {
        let pool = PostgresConnectionPool(conninfo: try TestEnvironment.require("POSTGRES_URL"), size: 1)
        return try await pool.withConnection { connection in
            try await connection.query(
                "select user_id from gold.track_recommendations group by 1 order by count(*) desc, 1 limit 1", [])[0].decode(0, as: String.self)
        }
    }

    /// The device `user` played on most, so a user × device filter has data to show.
    static func favouriteDevice(of user: String) async throws -> String {
        let pool = PostgresConnectionPool(conninfo: try TestEnvironment.require("POSTGRES_URL"), size: 1)
        return try await pool.withConnection { connection in
            try await connection.query(
                "select device_type from silver.silver_plays where user_id = $1 and is_known_device group by 1 order by count(*) desc, 1 limit 1",
                [user])[0].decode(0, as: String.self)
        }
    }

    static func check(_ dom: String, heading: String, expected: [String], page: String) {
        #expect(dom.contains("<h1>\(heading)</h1>"), "\(page): heading")
        for marker in expected { #expect(dom.contains(marker), "\(page): \(marker)") }
        #expect(!dom.contains("class=\"notice notice-error\""), "\(page) shows an error")
        let text = PageScraper.visibleText(dom).lowercased()
        for phrase in ["unreachable", "not answering", "cannot read", "fatal error"] {
            #expect(!text.contains(phrase), "\(page) says \(phrase)")
        }
    }

    @Test("analytics pages render in Chromium at 1280 px and phone width")
    func analyticsPages() async throws {
        let dashboard = try await DashboardProcess()
        defer { dashboard.stop() }
        let folder = try HeadlessChromium.screenshotDirectory()
        print("dashboard screenshots: \(folder)")
        let user = try await Self.topUser()
        let device = try await Self.favouriteDevice(of: user)
        let pages: [(String, String, String, [String])] = [
            ("overview", "/", "Overview", ["data-metric=\"plays\"", "data-metric=\"plays-today\""]),
            ("overview-filtered", "/?device=\(device)&user=\(user)", "Overview", ["data-metric=\"unique-artists\"", "value=\"\(user)\""]),
            ("trends", "/trends", "Trends", ["id=\"chart-daily\"", "id=\"chart-hourly\"", "id=\"chart-heatmap\"", "<polyline"]),
            ("top-content", "/top", "Top content", ["id=\"top-tracks\"", "id=\"top-artists\"", "id=\"top-albums\"", "data-plays="]),
            ("quality", "/quality", "Data quality", ["id=\"quality-days\"", "id=\"quality-checks\"", "id=\"chart-rejected\"", "data-reason="]),
        ]
        for (name, path, heading, markers) in pages {
            let dom = try HeadlessChromium.dom(dashboard.baseURL + path)
            Self.check(dom, heading: heading, expected: markers, page: path)
            let took = try HeadlessChromium.screenshot(dashboard.baseURL + path, to: "\(folder)/\(name).png")
            try HeadlessChromium.screenshot(dashboard.baseURL + path, to: "\(folder)/\(name)-phone.png", width: 390, height: 1400)
            print("chromium load+screenshot \(path): \(took)")
        }
    }

    /// Needs the real recommender-api at RECOMMENDER_URL.
    @Test("Recommendations and Now Playing render in Chromium with the real recommender-api")
    func recommenderPages() async throws {
        let dashboard = try await DashboardProcess()
        defer { dashboard.stop() }
        let folder = try HeadlessChromium.screenshotDirectory()
        let user = try await Self.topUser()
        let recommendations = try HeadlessChromium.dom(dashboard.baseURL + "/recommendations?user=\(user)")
        Self.check(recommendations, heading: "Recommendations", expected: ["id=\"recommendations\"", "role=\"meter\"", "https://open.spotify.com/track/"], page: "recommendations")
        try HeadlessChromium.screenshot(dashboard.baseURL + "/recommendations?user=\(user)", to: "\(folder)/recommendations.png", height: 1300)
        try HeadlessChromium.screenshot(dashboard.baseURL + "/recommendations?user=\(user)", to: "\(folder)/recommendations-phone.png", width: 390, height: 1600)
        let nowPlaying = try HeadlessChromium.dom(dashboard.baseURL + "/now-playing?user=\(user)")
        Self.check(nowPlaying, heading: "Now Playing", expected: ["id=\"now-playing\"", "id=\"np-refresh\"", "id=\"cache-stats\"", "s ago"], page: "now-playing")
        try HeadlessChromium.screenshot(dashboard.baseURL + "/now-playing?user=\(user)", to: "\(folder)/now-playing.png", height: 1300)
        // Without a user: live activity (or the latest plays from silver when nobody is playing),
        // and the most active listeners to choose from.
        let live = try HeadlessChromium.dom(dashboard.baseURL + "/now-playing")
        Self.check(live, heading: "Now Playing", expected: ["id=\"now-playing\"", "data-fragment-url=\"/now-playing/fragment\"", "data-user=", "/now-playing?user="], page: "now-playing (live activity)")
        #expect(live.contains("id=\"live-listeners\"") || live.contains("id=\"recent-plays\""))
        try HeadlessChromium.screenshot(dashboard.baseURL + "/now-playing", to: "\(folder)/live-activity.png", height: 1100)
        let choose = try HeadlessChromium.dom(dashboard.baseURL + "/recommendations")
        Self.check(choose, heading: "Recommendations", expected: ["id=\"active-listeners\"", "href=\"/recommendations?user="], page: "recommendations (no user)")
    }
}
