/// Statements of the Data quality page. `silver_plays_rejected` carries played_at, user_id and
/// device_type like silver_plays, so `SilverPlaysPredicate` filters it the same way. A rejected
/// row without played_at (`missing_track_or_time`) has no day: it is counted under "no time"
/// when no date range is set.
enum QualityQueries {
    static let rejectedDaily = """
        select coalesce(to_char((played_at at time zone 'UTC')::date, 'YYYY-MM-DD'), 'no time'), reject_reason, count(*)
        from silver.silver_plays_rejected where \(SilverPlaysPredicate.sql)
        group by 1, 2 order by 1, 2
        """

    static let summary = """
        select dataset, check_name, row_count from silver.silver_quality_summary order by dataset, check_name
        """
}
