import Foundation
import Postgres
import TestSupport
import Testing

@testable import Dashboard

/// Overview, Trends and Top content rendered from the stack's warehouse: every number on the
/// page equals the same figure computed straight from silver.silver_plays.
@Suite("warehouse pages against PostgreSQL", .integration)
struct WarehousePagesTests {
    struct Context {
        let pool: PostgresConnectionPool
        let client: DashboardTestClient
        /// A filter using every field, on a range, device and user that have plays.
        let narrow: AnalyticsFilter
        /// Device and date range only (gold device_usage and the daily_device_* rollups).
        let deviceRange: AnalyticsFilter
        /// A range reaching past both ends of the plays (answered like no range at all).
        let everyDay: AnalyticsFilter

        /// The filter a test variant names; the last three are the gold rollups' three grains.
        func filter(_ variant: String) -> AnalyticsFilter {
            switch variant {
            case "narrow": narrow
            case "user-only": AnalyticsFilter(user: narrow.user)
            case "device-range": deviceRange
            case "range-only": AnalyticsFilter(from: deviceRange.from, to: deviceRange.to)
            case "device-only": AnalyticsFilter(device: "mobile")
            case "every-day": everyDay
            case "every-day-device": AnalyticsFilter(from: everyDay.from, to: everyDay.to, device: "mobile")
            default: AnalyticsFilter()
            }
        }
    }

    static func context() async throws -> Context {
        let pool = PostgresConnectionPool(conninfo: try TestEnvironment.require("POSTGRES_URL"), size: 2)
        let row = try await pool.withConnection { connection in
            try await connection.query("""
                select to_char(max(played_date) - 10, 'YYYY-MM-DD'), to_char(max(played_date) - 1, 'YYYY-MM-DD'),
                       (select user_id from silver.silver_plays where device_type = 'mobile' group by 1 order by count(*) desc, 1 limit 1),
                       to_char(min(played_date) - 1, 'YYYY-MM-DD'), to_char(max(played_date) + 1, 'YYYY-MM-DD')
                from silver.silver_plays
                """, [])[0]
        }
        let from: String = try row.decode(0), to: String = try row.decode(1), user: String = try row.decode(2)
        let everyDay = AnalyticsFilter(from: try row.decode(3), to: try row.decode(4))
        let analytics = PostgresAnalyticsRepository(pool: pool, statementTimeoutMilliseconds: 30_000)
        return Context(
            pool: pool, client: DashboardTestClient(analytics: analytics, recommender: FakeRecommender()),
            narrow: AnalyticsFilter(from: from, to: to, device: "mobile", user: user),
            deviceRange: AnalyticsFilter(from: from, to: to, device: "desktop"), everyDay: everyDay)
    }

    /// Expected figures, straight from silver with the filter written out by hand.
    static func expected(_ pool: PostgresConnectionPool, _ sql: String, _ filter: AnalyticsFilter) async throws -> PostgresRows {
        let filtered = """
            with p as (select * from silver.silver_plays
              where ($1::date is null or played_date >= $1::date) and ($2::date is null or played_date <= $2::date)
                and ($3::text is null or user_id = $3::text) and ($4::text is null or device_type = $4::text))
            \(sql)
            """
        return try await pool.withConnection { try await $0.query(filtered, [filter.from, filter.to, filter.user, filter.device]) }
    }

    @Test("Overview numbers equal SQL on silver", arguments: ["all", "narrow", "device-range", "user-only", "range-only", "device-only", "every-day", "every-day-device"])
    func overview(variant: String) async throws {
        let context = try await Self.context()
        let filter = context.filter(variant)
        let page = try await context.client.get("/" + filter.queryString)
        #expect(page.status == .ok)
        let row = try await Self.expected(context.pool, """
            select count(*), count(distinct track_id), count(distinct artist_name), round(coalesce(sum(effective_ms_played), 0) / 60000.0)::bigint,
                   count(distinct user_id) from p
            """, filter)[0]
        #expect(try row.decode(0, as: Int.self) > 0)
        #expect(PageScraper.metric(page.body, "plays") == String(try row.decode(0, as: Int.self)))
        #expect(PageScraper.metric(page.body, "unique-tracks") == String(try row.decode(1, as: Int.self)))
        #expect(PageScraper.metric(page.body, "unique-artists") == String(try row.decode(2, as: Int.self)))
        #expect(PageScraper.metric(page.body, "minutes") == String(try row.decode(3, as: Int.self)))
        #expect(PageScraper.metric(page.body, "active-users") == String(try row.decode(4, as: Int.self)))
        // "Today" is the range's last day (or the current UTC day); the average covers the 7 days before it.
        var window = filter
        window.from = nil
        window.to = nil
        let reference = filter.to ?? CalendarDay.today()
        let days = try await Self.expected(context.pool, """
            select count(*) filter (where played_date = $5::date), count(*) filter (where played_date between $5::date - 7 and $5::date - 1) from p
            """.replacingOccurrences(of: "$5", with: "'\(reference)'"), window)[0]
        #expect(PageScraper.metric(page.body, "plays-today") == String(try days.decode(0, as: Int.self)))
        #expect(PageScraper.metric(page.body, "seven-day-average") == HTML.decimal(Double(try days.decode(1, as: Int.self)) / 7, digits: 1).replacingOccurrences(of: ",", with: ""))
    }

    @Test("Top content counts equal SQL on silver", arguments: ["all", "narrow", "device-range", "range-only", "device-only", "every-day", "every-day-device"])
    func topContent(variant: String) async throws {
        let context = try await Self.context()
        let filter = context.filter(variant)
        let page = try await context.client.get("/top" + filter.queryString)
        #expect(page.status == .ok)
        for (list, key) in [("top-tracks", "track_id"), ("top-artists", "artist_name"), ("top-albums", "album_name, coalesce(artist_name, '(unknown)')")] {
            let expected = try await Self.expected(context.pool, """
                select count(*) from p where \(key.split(separator: ",")[0]) is not null group by \(key) order by 1 desc limit 10
                """, filter).map { try $0.decode(0, as: Int.self) }
            #expect(!expected.isEmpty)
            #expect(PageScraper.plays(page.body, list: list) == expected, "\(list)")
        }
        #expect(page.body.contains("https://open.spotify.com/track/"))
    }

    @Test("Trends: every day of the range with SQL's count, hour and weekday charts present", arguments: ["all", "narrow", "device-range", "range-only", "device-only", "every-day", "every-day-device"])
    func trends(variant: String) async throws {
        let context = try await Self.context()
        let filter = context.filter(variant)
        let page = try await context.client.get("/trends" + filter.queryString)
        #expect(page.status == .ok)
        let expected = try await Self.expected(context.pool, "select to_char(played_date, 'YYYY-MM-DD'), count(*) from p group by 1", filter)
        var perDay: [String: Int] = [:]
        for row in expected { perDay[try row.decode(0)] = try row.decode(1) }
        let chart = PageScraper.firstMatch(page.body, "(<svg class=\"chart\" id=\"chart-daily\".*?</svg>)") ?? ""
        let tooltips = PageScraper.allMatches(chart, "<title>([0-9]{4}-[0-9]{2}-[0-9]{2}: [0-9,]+) plays</title>")
        let shown = Dictionary(uniqueKeysWithValues: tooltips.map { tooltip -> (String, Int) in
            let parts = tooltip.components(separatedBy: ": ")
            return (parts[0], Int(parts[1].replacingOccurrences(of: ",", with: "")) ?? -1)
        })
        #expect(shown.filter { $0.value > 0 } == perDay)
        if let from = filter.from, let to = filter.to { #expect(shown.count == CalendarDay.range(from, to).count) }
        for id in ["chart-hourly", "chart-hour-of-day", "chart-weekday", "chart-heatmap"] {
            #expect(page.body.contains("id=\"\(id)\" viewBox"), "\(id)")
        }
        #expect(page.body.contains("role=\"img\""))
        let weekdayTotal = PageScraper.allMatches(page.body, "<title>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun): ([0-9,]+) plays</title>")
            .compactMap { Int($0.replacingOccurrences(of: ",", with: "")) }.reduce(0, +)
        #expect(weekdayTotal == perDay.values.reduce(0, +))
    }

    @Test("Data quality: kept and rejected per day and reason equal SQL on silver", arguments: ["all", "narrow", "device-range", "user-only", "device-only"])
    func quality(variant: String) async throws {
        let context = try await Self.context()
        let filter = context.filter(variant)
        let analytics = PostgresAnalyticsRepository(pool: context.pool, statementTimeoutMilliseconds: 30_000)
        let quality = try await analytics.quality(filter)
        let predicate = """
            ($1::date is null or played_at >= $1::date::timestamp at time zone 'UTC')
            and ($2::date is null or played_at < ($2::date + 1)::timestamp at time zone 'UTC')
            and ($3::text is null or user_id = $3) and ($4::text is null or device_type = $4)
            """
        let parameters: [any PostgresBindable] = [filter.from, filter.to, filter.user, filter.device]
        let kept = try await context.pool.withConnection { connection in
            try await connection.query("select played_date::text, count(*) from silver.silver_plays where \(predicate) group by 1", parameters)
        }
        let rejected = try await context.pool.withConnection { connection in
            try await connection.query("""
                select coalesce((played_at at time zone 'UTC')::date::text, 'no time'), reject_reason, count(*)
                from silver.silver_plays_rejected where \(predicate) group by 1, 2
                """, parameters)
        }
        let byDay = Dictionary(uniqueKeysWithValues: quality.days.map { ($0.day, $0) })
        for row in kept {
            let day: String = try row.decode(0)
            #expect(byDay[day]?.accepted == (try row.decode(1, as: Int.self)), "\(variant) \(day) kept")
        }
        #expect(quality.days.reduce(0) { $0 + $1.accepted } == (try kept.reduce(0) { $0 + (try $1.decode(1, as: Int.self)) }), "\(variant)")
        var expectedRejected = 0
        for row in rejected {
            let day: String = try row.decode(0), reason: String = try row.decode(1), count: Int = try row.decode(2)
            expectedRejected += count
            #expect(byDay[day]?.rejected[reason] == count, "\(variant) \(day) \(reason)")
        }
        #expect(quality.days.reduce(0) { $0 + $1.rejectedTotal } == expectedRejected)
        #expect(!quality.checks.isEmpty, "silver_quality_summary's checks")
        if variant == "all" { #expect(expectedRejected > 0, "the seeded stack has rejected rows (duplicates, bad durations)") }
        let page = try await context.client.get(DashboardPage.quality.path + "?" + filter.queryString)
        #expect(page.status == .ok)
        #expect(page.body.contains("id=\"quality-checks\""))
    }

    @Test("live activity's warehouse reads: the latest plays and track names equal SQL on silver")
    func activityReads() async throws {
        let pool = PostgresConnectionPool(conninfo: try TestEnvironment.require("POSTGRES_URL"), size: 1)
        let analytics = PostgresAnalyticsRepository(pool: pool, statementTimeoutMilliseconds: 30_000)
        let plays = try await analytics.recentPlays(limit: 5)
        let expected = try await pool.withConnection { connection in
            try await connection.query("""
                select user_id, played_at from silver.silver_plays where not is_future
                order by played_at desc, event_id limit 5
                """, [])
        }
        #expect(plays.count == 5)
        #expect(plays.map(\.userID) == (try expected.map { try $0.decode(0, as: String.self) }))
        #expect(plays.map(\.playedAt) == (try expected.map { try $0.decode(1, as: Date.self) }))
        let tracks = try await pool.withConnection { connection in
            try await connection.query("select track_id, track_name from silver.silver_tracks where track_name is not null order by track_id limit 2", [])
        }
        let ids = try tracks.map { try $0.decode(0, as: String.self) }
        let names = try await analytics.trackNames(ids + ["no_such_track"])
        #expect(Set(names.keys) == Set(ids))
        #expect(names[ids[0]]?.track == (try tracks[0].decode(1, as: String.self)))
        #expect(try await analytics.trackNames([]).isEmpty)
    }

    @Test("bad filters: 400 with the reason next to the form, no query run")
    func invalidFilter() async throws {
        let page = try await DashboardTestClient(analytics: FixedAnalytics(failing: true), recommender: FakeRecommender()).get("/trends?from=2025-02-30")
        #expect(page.status == .badRequest)
        #expect(page.body.contains("&quot;2025-02-30&quot; is not a date; use YYYY-MM-DD"))
        #expect(page.body.contains("class=\"field invalid\""))
    }

    @Test("PostgreSQL unreachable: every analytics page says so with 503 instead of failing")
    func warehouseDown() async throws {
        let pool = PostgresConnectionPool(conninfo: "postgresql://postgres@127.0.0.1:9/spotify_data", size: 1, connectTimeout: .seconds(1))
        let client = DashboardTestClient(analytics: PostgresAnalyticsRepository(pool: pool, statementTimeoutMilliseconds: 1_000), recommender: FakeRecommender())
        for path in ["/", "/trends", "/top?device=mobile"] {
            let page = try await client.get(path)
            #expect(page.status == .serviceUnavailable, "\(path)")
            #expect(page.body.contains("The warehouse (PostgreSQL) is not answering"), "\(path)")
            #expect(page.body.contains("<form class=\"filters\""), "\(path)")
        }
    }
}
