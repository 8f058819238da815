import Foundation
import Hummingbird
import HummingbirdTesting
import Logging

@testable import Dashboard

/// Drives the dashboard's router without a socket and returns status and body of each page.
struct DashboardTestClient {
    var analytics: any AnalyticsRepository
    var recommender: any RecommenderClient

    func get(_ uri: String) async throws -> (status: HTTPResponse.Status, body: String) {
        let app = buildDashboardApplication(port: 0, analytics: analytics, recommender: recommender, dependencies: [], logger: Logger(label: "dashboard-test"))
        return try await app.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                (status: response.status, body: String(buffer: response.body))
            }
        }
    }
}

/// Reads the numbers the pages expose in `data-*` attributes.
enum PageScraper {
    /// `data-value` of the card `data-metric="<metric>"`.
    static func metric(_ html: String, _ metric: String) -> String? {
        firstMatch(html, "data-metric=\"\(metric)\"[^>]*>.*?data-value=\"([^\"]*)\"")
    }

    /// Play counts of a top list (`id` = top-tracks, top-artists, top-albums), in page order.
    static func plays(_ html: String, list id: String) -> [Int] {
        guard let start = html.range(of: "id=\"\(id)\""), let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex) else { return [] }
        return allMatches(String(html[start.upperBound..<end.lowerBound]), "data-plays=\"([0-9]+)\"").compactMap(Int.init)
    }

    static func firstMatch(_ text: String, _ pattern: String) -> String? {
        allMatches(text, pattern).first
    }

    static func allMatches(_ text: String, _ pattern: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The text a person reads, without tags (for "no error text" checks).
    static func visibleText(_ html: String) -> String {
        html.replacingOccurrences(of: "(?s)<script>.*?</script>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "(?s)<style>.*?</style>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
    }
}
