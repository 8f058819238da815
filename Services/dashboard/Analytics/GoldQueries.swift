/// Statements on the gold tables (dbt/models/gold), whose column names are part of the contract.
enum GoldQueries {
    /// $1 from, $2 to, $3 user.
    static let dailyTotals = """
        select coalesce(sum(play_count), 0)::bigint, coalesce(sum(total_ms_played), 0)::bigint,
               count(distinct user_id) filter (where play_count > 0)
        from gold.user_daily_listening
        where ($1::date is null or day >= $1::date) and ($2::date is null or day <= $2::date)
          and ($3::text is null or user_id = $3::text)
        """

    static let catalogueCounts = """
        select (select count(*) from gold.track_popularity where play_count > 0),
               (select count(*) from gold.artist_stats where play_count > 0)
        """

    /// $1 from, $2 to, $3 user.
    static let dailyPlaysByUser = """
        select to_char(day, 'YYYY-MM-DD'), sum(play_count)::bigint
        from gold.user_daily_listening
        where ($1::date is null or day >= $1::date) and ($2::date is null or day <= $2::date)
          and ($3::text is null or user_id = $3::text) and play_count > 0
        group by day order by day
        """

    static let weekHours = """
        select day_of_week, hour_of_day, play_count::bigint
        from gold.hourly_listening_patterns order by 1, 2
        """

    /// $1 limit. popularity_rank is indexed; ties share a rank, hence the limit.
    static let topTracks = """
        select track_id, coalesce(track_name, track_id) as name, artist_name as artist, play_count as plays
        from gold.track_popularity where play_count > 0
        order by popularity_rank, track_id limit $1
        """

    static let topArtists = """
        select artist_name as name, null::text as artist, play_count as plays
        from gold.artist_stats where play_count > 0
        order by play_count desc, artist_name limit $1
        """

    static let topAlbums = """
        select album_name as name, artist_name as artist, play_count as plays
        from gold.album_stats
        order by play_count desc, album_name, artist_name limit $1
        """

    /// $1 limit.
    static let activeUsers = """
        select user_id from gold.user_daily_listening
        group by user_id order by sum(play_count) desc, user_id limit $1
        """
}
