import Foundation
@testable import Dashboard

/// A warehouse with fixed numbers, or one that fails like an unreachable PostgreSQL.
struct FixedAnalytics: AnalyticsRepository {
    struct Down: Error, CustomStringConvertible {
        var description: String { "could not connect to server: Connection refused" }
    }

    var failing = false

    func overview(_ filter: AnalyticsFilter) async throws -> OverviewMetrics {
        if failing { throw Down() }
        return OverviewMetrics(
            plays: 1_234_567, uniqueTracks: 4_321, uniqueArtists: 321, millisecondsListened: 600_000, activeUsers: 77,
            referenceDay: "2026-11-22", playsOnReferenceDay: 120, sevenDayAverage: 100)
    }

    func trends(_ filter: AnalyticsFilter) async throws -> TrendsData {
        if failing { throw Down() }
        return TrendsData(daily: [DailyCount(day: "2026-11-21", plays: 3), DailyCount(day: "2026-11-22", plays: 5)], hourly: [],
                          weekHours: [WeekHourCell(weekday: 1, hour: 9, plays: 8)])
    }

    func topContent(_ filter: AnalyticsFilter, limit: Int) async throws -> TopContent {
        if failing { throw Down() }
        return TopContent(tracks: [RankedItem(name: "A <b>", artist: "B", trackID: "t1", plays: 9)], artists: [], albums: [])
    }

    func quality(_ filter: AnalyticsFilter) async throws -> QualityData {
        if failing { throw Down() }
        return QualityData(
            days: [QualityData.Day(day: "2026-11-21", accepted: 90, rejected: ["duplicate": 4, "invalid_duration": 6]),
                   QualityData.Day(day: "2026-11-22", accepted: 100, rejected: [:])],
            checks: [QualityData.Check(dataset: "plays", check: "rejected_<duplicate>", rows: 4)])
    }

    func suggestedUsers(limit: Int) async throws -> [String] {
        if failing { throw Down() }
        return ["user_0042", "user <7>"]
    }

    func trackNames(_ trackIDs: [String]) async throws -> [String: (track: String?, artist: String?)] {
        if failing { throw Down() }
        return trackIDs.contains("4uLU6hMCjMI75M1A2tKUQC") ? ["4uLU6hMCjMI75M1A2tKUQC": (track: "Named From Silver", artist: "Silver Artist")] : [:]
    }

    func recentPlays(limit: Int) async throws -> [RecentPlay] {
        if failing { throw Down() }
        return [
            RecentPlay(userID: "user_0003", trackID: "t9", trackName: "Latest <Song>", artistName: "Band", deviceType: "tv",
                       playedAt: Date(timeIntervalSince1970: 1_795_341_540)),
            RecentPlay(userID: "user_0004", trackID: "t8", trackName: nil, artistName: nil, deviceType: nil,
                       playedAt: Date(timeIntervalSince1970: 1_795_341_480)),
        ]
    }
}
