import Foundation
import Postgres

/// Reads the analytics pages' numbers from the warehouse: the gold tables, including the
/// dashboard rollups for date-range and device filters (`RollupQueries`); silver_plays only when
/// a user is chosen, where the (user_id, played_at) index keeps the read small. Read-only, bound parameters only.
struct PostgresAnalyticsRepository: AnalyticsRepository {
    let pool: PostgresConnectionPool
    /// A page never waits on the warehouse longer than this.
    let statementTimeoutMilliseconds: Int

    func overview(_ filter: AnalyticsFilter) async throws -> OverviewMetrics {
        try await read { connection in
            let totals = try await headlineTotals(filter, on: connection)
            let referenceDay = filter.to ?? CalendarDay.today()
            let windowStart = CalendarDay.adding(-7, to: referenceDay)
            var window = filter
            window.from = windowStart
            window.to = referenceDay
            let daily = try await dailyCounts(window, on: connection)
            let byDay = Dictionary(daily.map { ($0.day, $0.plays) }, uniquingKeysWith: +)
            let previousWeek = CalendarDay.range(windowStart, CalendarDay.adding(-1, to: referenceDay))
            return OverviewMetrics(
                plays: totals.plays, uniqueTracks: totals.tracks, uniqueArtists: totals.artists,
                millisecondsListened: totals.milliseconds, activeUsers: totals.users,
                referenceDay: referenceDay, playsOnReferenceDay: byDay[referenceDay] ?? 0,
                sevenDayAverage: Double(previousWeek.reduce(0) { $0 + (byDay[$1] ?? 0) }) / 7
            )
        }
    }

    func trends(_ filter: AnalyticsFilter) async throws -> TrendsData {
        try await read { connection in
            let counted = try await dailyCounts(filter, on: connection)
            guard let first = filter.from ?? counted.first?.day, let last = filter.to ?? counted.last?.day else {
                return TrendsData(daily: [], hourly: [], weekHours: try await weekHours(filter, on: connection))
            }
            let byDay = Dictionary(counted.map { ($0.day, $0.plays) }, uniquingKeysWith: +)
            let daily = CalendarDay.range(first, last).map { DailyCount(day: $0, plays: byDay[$0] ?? 0) }
            let hourly = try await hourlyCounts(filter, lastDay: last, firstDay: first, on: connection)
            return TrendsData(daily: daily, hourly: hourly, weekHours: try await weekHours(filter, on: connection))
        }
    }

    func topContent(_ filter: AnalyticsFilter, limit: Int) async throws -> TopContent {
        try await read { connection in
            let filter = try await withoutRedundantRange(filter, on: connection)
            if filter.isEmpty {
                return TopContent(
                    tracks: try await items(connection.query(GoldQueries.topTracks, [limit]), trackID: true),
                    artists: try await items(connection.query(GoldQueries.topArtists, [limit]), trackID: false),
                    albums: try await items(connection.query(GoldQueries.topAlbums, [limit]), trackID: false))
            }
            if filter.user == nil {
                let source = RollupSource(filter)
                let parameters = source.parameters + [limit]
                return TopContent(
                    tracks: try await items(connection.query(RollupQueries.topTracks(source), parameters), trackID: true),
                    artists: try await items(connection.query(RollupQueries.topArtists(source), parameters), trackID: false),
                    albums: try await items(connection.query(RollupQueries.topAlbums(source), parameters), trackID: false))
            }
            let parameters = SilverPlaysPredicate.parameters(filter) + [limit]
            return TopContent(
                tracks: try await items(connection.query(SilverQueries.topTracks, parameters), trackID: true),
                artists: try await items(connection.query(SilverQueries.topArtists, parameters), trackID: false),
                albums: try await items(connection.query(SilverQueries.topAlbums, parameters), trackID: false))
        }
    }

    func quality(_ filter: AnalyticsFilter) async throws -> QualityData {
        try await read { connection in
            let accepted = try await dailyCounts(filter, on: connection)
            var days = Dictionary(accepted.map { ($0.day, QualityData.Day(day: $0.day, accepted: $0.plays, rejected: [:])) }, uniquingKeysWith: { a, _ in a })
            for row in try await connection.query(QualityQueries.rejectedDaily, SilverPlaysPredicate.parameters(filter)) {
                let day: String = try row.decode(0)
                days[day, default: QualityData.Day(day: day, accepted: 0, rejected: [:])].rejected[try row.decode(1, as: String.self)] = try row.decode(2)
            }
            let checks = try await connection.query(QualityQueries.summary, []).map {
                QualityData.Check(dataset: try $0.decode(0), check: try $0.decode(1), rows: try $0.decode(2))
            }
            return QualityData(days: days.values.sorted { $0.day < $1.day }, checks: checks)
        }
    }

    func suggestedUsers(limit: Int) async throws -> [String] {
        try await read { connection in
            try await connection.query(GoldQueries.activeUsers, [limit]).map { try $0.decode(0, as: String.self) }
        }
    }

    func recentPlays(limit: Int) async throws -> [RecentPlay] {
        try await read { connection in
            try await connection.query(ActivityQueries.recentPlays, [limit]).map { row in
                RecentPlay(userID: try row.decode(0), trackID: try row.decode(1), trackName: try row.decode(2),
                           artistName: try row.decode(3), deviceType: try row.decode(4), playedAt: try row.decode(5))
            }
        }
    }

    func trackNames(_ trackIDs: [String]) async throws -> [String: (track: String?, artist: String?)] {
        guard !trackIDs.isEmpty else { return [:] }
        return try await read { connection in
            var names: [String: (track: String?, artist: String?)] = [:]
            for row in try await connection.query(ActivityQueries.trackNames, [trackIDs.joined(separator: ",")]) {
                names[try row.decode(0)] = (track: try row.decode(1), artist: try row.decode(2))
            }
            return names
        }
    }

    // MARK: - Queries shared by the pages

    private struct Totals {
        var plays = 0, milliseconds = 0, users = 0, tracks = 0, artists = 0
    }

    private func headlineTotals(_ filter: AnalyticsFilter, on connection: PostgresConnection) async throws -> Totals {
        let filter = try await withoutRedundantRange(filter, on: connection)
        var totals = Totals()
        if filter.device != nil, filter.user != nil {
            // The (user_id, played_at) index keeps one user's silver plays a small read.
            let row = try await connection.query(SilverQueries.totals, SilverPlaysPredicate.parameters(filter))[0]
            totals.plays = try row.decode(0)
            totals.milliseconds = try row.decode(1)
            totals.users = try row.decode(2)
            totals.tracks = try row.decode(3)
            totals.artists = try row.decode(4)
            return totals
        }
        if filter.device == nil {
            let row = try await connection.query(GoldQueries.dailyTotals, [filter.from, filter.to, filter.user])[0]
            totals.plays = try row.decode(0)
            totals.milliseconds = try row.decode(1)
            totals.users = try row.decode(2)
        } else {
            let parameters = RollupQueries.dayDeviceParameters(filter)
            let row = try await connection.query(RollupQueries.playTotals, parameters)[0]
            totals.plays = try row.decode(0)
            totals.milliseconds = try row.decode(1)
            totals.users = try await connection.query(RollupQueries.activeUsers, parameters)[0].decode(0)
        }
        let catalogue: PostgresRow
        if filter.isEmpty {
            catalogue = try await connection.query(GoldQueries.catalogueCounts, [])[0]
        } else if filter.user == nil {
            let source = RollupSource(filter)
            catalogue = try await connection.query(RollupQueries.catalogueCounts(source), source.parameters)[0]
        } else {
            catalogue = try await connection.query(SilverQueries.catalogueCounts, SilverPlaysPredicate.parameters(filter))[0]
        }
        totals.tracks = try catalogue.decode(0)
        totals.artists = try catalogue.decode(1)
        return totals
    }

    /// The filter without the ends of its range that reach past the played days: the same plays,
    /// but answered by the all-days tables instead of one row per day and item.
    private func withoutRedundantRange(_ filter: AnalyticsFilter, on connection: PostgresConnection) async throws -> AnalyticsFilter {
        guard filter.from != nil || filter.to != nil else { return filter }
        let row = try await connection.query(RollupQueries.playedDays, [])[0]
        guard let first = try row.decode(0, as: String?.self), let last = try row.decode(1, as: String?.self) else { return filter }
        var widened = filter
        if let from = filter.from, from <= first { widened.from = nil }
        if let to = filter.to, to >= last { widened.to = nil }
        return widened
    }

    /// Plays per day with plays, in day order, from the narrowest table with the filter's grain.
    private func dailyCounts(_ filter: AnalyticsFilter, on connection: PostgresConnection) async throws -> [DailyCount] {
        let rows: PostgresRows
        if filter.user == nil {
            rows = try await connection.query(RollupQueries.dailyPlays, RollupQueries.dayDeviceParameters(filter))
        } else if filter.device == nil {
            rows = try await connection.query(GoldQueries.dailyPlaysByUser, [filter.from, filter.to, filter.user])
        } else {
            rows = try await connection.query(SilverQueries.dailyPlays, SilverPlaysPredicate.parameters(filter))
        }
        return try rows.map { DailyCount(day: try $0.decode(0), plays: try $0.decode(1)) }
    }

    /// Every hour of the last 2 days of the range, from the (day, device, hour) rollup unless a
    /// user is chosen (then silver, through the (user_id, played_at) index).
    private func hourlyCounts(
        _ filter: AnalyticsFilter, lastDay: String, firstDay: String, on connection: PostgresConnection
    ) async throws -> [HourlyCount] {
        let windowStart = max(firstDay, CalendarDay.adding(-1, to: lastDay))
        var window = filter
        window.from = windowStart
        window.to = lastDay
        let rows: PostgresRows
        if filter.user == nil {
            rows = try await connection.query(RollupQueries.hourlyPlays, RollupQueries.dayDeviceParameters(window))
        } else {
            rows = try await connection.query(SilverQueries.hourlyPlays, SilverPlaysPredicate.parameters(window))
        }
        var byHour: [Date: Int] = [:]
        for row in rows { byHour[try row.decode(0, as: Date.self)] = try row.decode(1) }
        guard let start = CalendarDay.date(windowStart), let end = CalendarDay.date(CalendarDay.adding(1, to: lastDay)) else { return [] }
        return stride(from: start.timeIntervalSince1970, to: end.timeIntervalSince1970, by: 3_600).map {
            let hour = Date(timeIntervalSince1970: $0)
            return HourlyCount(hour: hour, plays: byHour[hour] ?? 0)
        }
    }

    private func weekHours(_ filter: AnalyticsFilter, on connection: PostgresConnection) async throws -> [WeekHourCell] {
        let rows: PostgresRows
        if filter.isEmpty {
            rows = try await connection.query(GoldQueries.weekHours, [])
        } else if filter.user == nil {
            rows = try await connection.query(RollupQueries.weekHours, RollupQueries.dayDeviceParameters(filter))
        } else {
            rows = try await connection.query(SilverQueries.weekHours, SilverPlaysPredicate.parameters(filter))
        }
        return try rows.map { WeekHourCell(weekday: try $0.decode(0), hour: try $0.decode(1), plays: try $0.decode(2)) }
    }

    private func items(_ rows: PostgresRows, trackID: Bool) throws -> [RankedItem] {
        try rows.map { row in
            RankedItem(
                name: try row.decode("name"), artist: try row.decode("artist", as: String?.self),
                trackID: trackID ? try row.decode("track_id", as: String.self) : nil, plays: try row.decode("plays"))
        }
    }

    /// One read-only transaction per page, bounded by the statement timeout.
    private func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await pool.withConnection { connection in
            try await connection.withTransaction { connection in
                try await connection.executeScript(
                    "SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = \(max(1, statementTimeoutMilliseconds))")
                return try await body(connection)
            }
        }
    }
}
