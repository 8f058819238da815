{{ config(indexes=[{'columns': ['artist_name'], 'unique': True}]) }}

-- Grain: one row per artist name with at least one silver play, skip or like.

with plays as (

    select artist_name, count(*) as play_count, count(distinct user_id) as unique_listeners,
           count(distinct track_id) as unique_tracks, sum(effective_ms_played) as total_ms_played,
           max(played_at) as last_played_at
    from {{ ref('silver_plays') }}
    where artist_name is not null
    group by artist_name

),

skips as (

    select artist_name, count(*) as skip_count
    from {{ ref('silver_skips') }} where artist_name is not null group by artist_name

),

likes as (

    select artist_name, count(*) as like_count
    from {{ ref('silver_likes') }} where artist_name is not null group by artist_name

),

artists as (

    select artist_name from plays union select artist_name from skips
    union select artist_name from likes

),

final as (

    select
        artists.artist_name,
        coalesce(plays.play_count, 0)                                   as play_count,
        coalesce(plays.unique_listeners, 0)                             as unique_listeners,
        coalesce(plays.unique_tracks, 0)                                as unique_tracks,
        {{ round_numeric('coalesce(plays.total_ms_played, 0) / 60000.0', 2) }} as total_minutes,
        coalesce(skips.skip_count, 0)                                   as skip_count,
        coalesce(likes.like_count, 0)                                   as like_count,
        plays.last_played_at,
        rank() over (order by coalesce(plays.play_count, 0) desc)       as play_rank
    from artists
    left join plays using (artist_name)
    left join skips using (artist_name)
    left join likes using (artist_name)

)

select * from final
