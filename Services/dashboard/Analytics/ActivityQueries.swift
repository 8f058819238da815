/// Statements for live activity. Plays dated in the future (`is_future`, kept in silver and
/// flagged) are not "recent"; the `played_at` index serves the ordered scan.
enum ActivityQueries {
    /// `$1` limit.
    static let recentPlays = """
        select user_id, track_id, track_name, artist_name, device_type, played_at
        from silver.silver_plays where not is_future
        order by played_at desc, event_id limit $1
        """

    /// `$1` track ids joined by commas (track ids hold no comma: `[A-Za-z0-9:_-]`): names for
    /// now_playing events that carried none.
    static let trackNames = """
        select track_id, track_name, artist_name from silver.silver_tracks
        where track_id = any(string_to_array($1, ','))
        """
}
