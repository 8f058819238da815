{{ config(indexes=[{'columns': ['track_id'], 'unique': True}, {'columns': ['popularity_rank']}]) }}

-- Grain: one row per track with at least one silver play, skip or like.

with plays as (

    select track_id, count(*) as play_count, count(distinct user_id) as unique_listeners,
           sum(effective_ms_played) as total_ms_played, max(played_at) as last_played_at
    from {{ ref('silver_plays') }}
    group by track_id

),

skips as (

    select track_id, count(*) as skip_count
    from {{ ref('silver_skips') }}
    group by track_id

),

likes as (

    select track_id, count(*) as like_count
    from {{ ref('silver_likes') }}
    group by track_id

),

joined as (

    select
        tracks.track_id,
        tracks.track_name,
        tracks.artist_name,
        tracks.album_name,
        coalesce(plays.play_count, 0)            as play_count,
        coalesce(plays.unique_listeners, 0)      as unique_listeners,
        coalesce(plays.total_ms_played, 0)       as total_ms_played,
        coalesce(skips.skip_count, 0)            as skip_count,
        coalesce(likes.like_count, 0)            as like_count,
        plays.last_played_at
    from {{ ref('silver_tracks') }} tracks
    left join plays using (track_id)
    left join skips using (track_id)
    left join likes using (track_id)

),

final as (

    select
        joined.*,
        case when play_count + skip_count = 0 then 0
             else {{ round_numeric('skip_count::numeric / (play_count + skip_count)', 4) }} end as skip_rate,
        rank() over (order by play_count desc, unique_listeners desc)            as popularity_rank
    from joined

)

select * from final
