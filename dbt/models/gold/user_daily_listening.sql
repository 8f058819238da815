{{ gold_incremental_config('day', indexes=[{'columns': ['user_id', 'day'], 'unique': True}, {'columns': ['day']}]) }}

-- Grain: one row per (user_id, UTC day) with any play, skip or like.
-- Incremental: rebuilds the days touched by silver rows loaded since the last run, and the day
-- after each (a late play can merge a session into the one before it), see macros/incremental_gold.sql.

{%- set sources = [(ref('silver_plays'), 'played_date'), (ref('silver_skips'), 'occurred_date'), (ref('silver_likes'), 'occurred_date')] %}

with {{ touched_days_cte(sources, also_next_day=true) }}

plays as (

    select
        user_id,
        played_date                                      as day,
        count(*)                                         as play_count,
        count(distinct track_id)                         as unique_tracks,
        count(distinct artist_name)                      as unique_artists,
        sum(effective_ms_played)                         as total_ms_played,
        max(_loaded_at)                                  as loaded_through
    from {{ ref('silver_plays') }}
    {{ in_touched_days('played_date') }}
    group by 1, 2

),

skips as (

    select user_id, occurred_date as day, count(*) as skip_count, max(_loaded_at) as loaded_through
    from {{ ref('silver_skips') }}
    {{ in_touched_days('occurred_date') }}
    group by 1, 2

),

likes as (

    select user_id, occurred_date as day, count(*) as like_count, max(_loaded_at) as loaded_through
    from {{ ref('silver_likes') }}
    {{ in_touched_days('occurred_date') }}
    group by 1, 2

),

sessions as (

    select user_id, {{ utc_day('session_start') }} as day, count(*) as session_count
    from {{ ref('silver_listening_sessions') }}
    {{ in_touched_days(utc_day('session_start')) }}
    group by 1, 2

),

user_days as (

    select user_id, day from plays
    union
    select user_id, day from skips
    union
    select user_id, day from likes

),

final as (

    select
        user_days.user_id,
        user_days.day,
        coalesce(plays.play_count, 0)                                as play_count,
        coalesce(plays.unique_tracks, 0)                             as unique_tracks,
        coalesce(plays.unique_artists, 0)                            as unique_artists,
        coalesce(plays.total_ms_played, 0)                           as total_ms_played,
        {{ round_numeric('coalesce(plays.total_ms_played, 0) / 60000.0', 2) }} as total_minutes,
        coalesce(skips.skip_count, 0)                                as skip_count,
        coalesce(likes.like_count, 0)                                as like_count,
        coalesce(sessions.session_count, 0)                          as session_count,
        greatest(plays.loaded_through, skips.loaded_through, likes.loaded_through) as _loaded_through
    from user_days
    left join plays    using (user_id, day)
    left join skips    using (user_id, day)
    left join likes    using (user_id, day)
    left join sessions using (user_id, day)

)

select * from final
