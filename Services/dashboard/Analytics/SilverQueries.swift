/// Statements on silver.silver_plays for filters with a user; each starts with
/// `SilverPlaysPredicate`'s four parameters. `RollupQueries` must return exactly the same.
enum SilverQueries {
    static let totals = """
        select count(*), coalesce(sum(effective_ms_played), 0)::bigint, count(distinct user_id),
               count(distinct track_id), count(distinct artist_name)
        from silver.silver_plays where \(SilverPlaysPredicate.sql)
        """

    static let catalogueCounts = """
        select count(distinct track_id), count(distinct artist_name)
        from silver.silver_plays where \(SilverPlaysPredicate.sql)
        """

    static let dailyPlays = """
        select to_char(played_date, 'YYYY-MM-DD'), count(*)
        from silver.silver_plays where \(SilverPlaysPredicate.sql)
        group by played_date order by played_date
        """

    static let hourlyPlays = """
        select date_trunc('hour', played_at at time zone 'UTC'), count(*)
        from silver.silver_plays where \(SilverPlaysPredicate.sql)
        group by 1 order by 1
        """

    static let weekHours = """
        select extract(isodow from played_at at time zone 'UTC')::integer, played_hour::integer, count(*)
        from silver.silver_plays where \(SilverPlaysPredicate.sql)
        group by 1, 2 order by 1, 2
        """

    /// `$5` limit.
    static let topTracks = """
        select track_id, coalesce(max(track_name), track_id) as name, max(artist_name) as artist, count(*) as plays
        from silver.silver_plays where \(SilverPlaysPredicate.sql)
        group by track_id order by plays desc, track_id limit $5
        """

    static let topArtists = """
        select artist_name as name, null::text as artist, count(*) as plays
        from silver.silver_plays where \(SilverPlaysPredicate.sql) and artist_name is not null
        group by artist_name order by plays desc, artist_name limit $5
        """

    static let topAlbums = """
        select album_name as name, coalesce(artist_name, '(unknown)') as artist, count(*) as plays
        from silver.silver_plays where \(SilverPlaysPredicate.sql) and album_name is not null
        group by 1, 2 order by plays desc, 1, 2 limit $5
        """
}
