import Postgres

/// The WHERE clause that applies an `AnalyticsFilter` to `silver.silver_plays`, for filters with a
/// user (no gold table has a per-user × device × track grain; the user index keeps them small).
///
/// The filter is always bound as `$1` from, `$2` to, `$3` user, `$4` device (NULL = not set).
/// libpq plans each statement with its actual values, so the `is null` branches fold away and
/// the (user_id, played_at) index serves user filters.
enum SilverPlaysPredicate {
    static let sql = """
        ($1::date is null or played_at >= $1::date::timestamp at time zone 'UTC')
        and ($2::date is null or played_at < ($2::date + 1)::timestamp at time zone 'UTC')
        and ($3::text is null or user_id = $3::text)
        and ($4::text is null or device_type = $4::text)
        """

    static func parameters(_ filter: AnalyticsFilter) -> [any PostgresBindable] {
        [filter.from, filter.to, filter.user, filter.device]
    }
}
