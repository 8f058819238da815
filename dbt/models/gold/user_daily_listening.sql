{{ config(indexes=[{'columns': ['user_id', 'day'], 'unique': True}, {'columns': ['day']}]) }}

-- Grain: one row per (user_id, UTC day) with any play, skip or like.

with plays as (

    select
        user_id,
        played_date                                      as day,
        count(*)                                         as play_count,
        count(distinct track_id)                         as unique_tracks,
        count(distinct artist_name)                      as unique_artists,
        sum(effective_ms_played)                         as total_ms_played
    from {{ ref('silver_plays') }}
    group by 1, 2

),

skips as (

    select user_id, occurred_date as day, count(*) as skip_count
    from {{ ref('silver_skips') }}
    group by 1, 2

),

likes as (

    select user_id, occurred_date as day, count(*) as like_count
    from {{ ref('silver_likes') }}
    group by 1, 2

),

sessions as (

    select user_id, {{ utc_day('session_start') }} as day, count(*) as session_count
    from {{ ref('silver_listening_sessions') }}
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
        round(coalesce(plays.total_ms_played, 0) / 60000.0, 2)       as total_minutes,
        coalesce(skips.skip_count, 0)                                as skip_count,
        coalesce(likes.like_count, 0)                                as like_count,
        coalesce(sessions.session_count, 0)                          as session_count
    from user_days
    left join plays    using (user_id, day)
    left join skips    using (user_id, day)
    left join likes    using (user_id, day)
    left join sessions using (user_id, day)

)

select * from final
