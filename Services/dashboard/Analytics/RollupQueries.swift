import Postgres

/// Statements on the dashboard's gold rollups (dbt/models/gold/daily_device_hour_plays,
/// daily_device_user_plays and the track/album rollups picked by `RollupSource`), for filters
/// without a user. Each returns exactly what `SilverQueries` would on silver.silver_plays.
enum RollupQueries {
    /// The WHERE clause on the (day, device_type, …) rollups: `$1` from, `$2` to, `$3` device.
    static let dayDevicePredicate = """
        ($1::date is null or day >= $1::date) and ($2::date is null or day <= $2::date)
        and ($3::text is null or device_type = $3::text)
        """

    static func dayDeviceParameters(_ filter: AnalyticsFilter) -> [any PostgresBindable] {
        [filter.from, filter.to, filter.device]
    }

    /// Plays per day with plays (the hour rollup is ~200 rows a day, the smallest table with a day).
    static let dailyPlays = """
        select to_char(day, 'YYYY-MM-DD'), sum(play_count)::bigint
        from gold.daily_device_hour_plays where \(dayDevicePredicate)
        group by day order by day
        """

    /// First and last day with plays; min/max read the ends of the (day, …) unique index.
    static let playedDays = """
        select to_char(min(day), 'YYYY-MM-DD'), to_char(max(day), 'YYYY-MM-DD') from gold.daily_device_hour_plays
        """

    static let playTotals = """
        select coalesce(sum(play_count), 0)::bigint, coalesce(sum(total_ms_played), 0)::bigint
        from gold.daily_device_hour_plays where \(dayDevicePredicate)
        """

    /// Distinct users cannot be summed from daily figures, hence the (day, device, user) grain.
    static let activeUsers = """
        select count(*) from (
            select user_id from gold.daily_device_user_plays where \(dayDevicePredicate) group by user_id
        ) as users
        """

    static let hourlyPlays = """
        select (day + make_interval(hours => hour_of_day))::timestamp, sum(play_count)::bigint
        from gold.daily_device_hour_plays where \(dayDevicePredicate)
        group by 1 order by 1
        """

    static let weekHours = """
        select extract(isodow from day)::integer, hour_of_day, sum(play_count)::bigint
        from gold.daily_device_hour_plays where \(dayDevicePredicate)
        group by 1, 2 order by 1, 2
        """

    /// Grouping instead of count(distinct): a hash aggregate, not a sort of every row.
    static func catalogueCounts(_ source: RollupSource) -> String {
        """
        select (select count(*) from (
                    select track_id from \(source.table("track")) where \(source.predicate) group by track_id) as tracks),
               (select count(*) from (
                    select artist_name from \(source.table("album"))
                    where \(source.predicate) and artist_name is not null group by artist_name) as artists)
        """
    }

    /// Rows hold max(track_name) and max(artist_name) per group, so their max is silver's.
    static func topTracks(_ source: RollupSource) -> String {
        """
        select track_id, coalesce(max(track_name), track_id) as name, max(artist_name) as artist,
               sum(play_count)::bigint as plays
        from \(source.table("track")) where \(source.predicate)
        group by track_id order by plays desc, track_id limit \(source.nextPlaceholder)
        """
    }

    static func topArtists(_ source: RollupSource) -> String {
        """
        select artist_name as name, null::text as artist, sum(play_count)::bigint as plays
        from \(source.table("album")) where \(source.predicate) and artist_name is not null
        group by artist_name order by plays desc, artist_name limit \(source.nextPlaceholder)
        """
    }

    static func topAlbums(_ source: RollupSource) -> String {
        """
        select album_name as name, coalesce(artist_name, '(unknown)') as artist, sum(play_count)::bigint as plays
        from \(source.table("album")) where \(source.predicate) and album_name is not null
        group by 1, 2 order by plays desc, 1, 2 limit \(source.nextPlaceholder)
        """
    }
}
