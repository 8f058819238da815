{{ config(indexes=[{'columns': ['album_name', 'artist_name'], 'unique': True}]) }}

-- Grain: one row per (album_name, artist_name) among silver plays with an album name.

with plays as (

    select * from {{ ref('silver_plays') }}
    where album_name is not null

),

final as (

    select
        album_name,
        coalesce(artist_name, '(unknown)')                      as artist_name,
        count(*)                                                as play_count,
        count(distinct user_id)                                 as unique_listeners,
        count(distinct track_id)                                as unique_tracks,
        {{ round_numeric('sum(effective_ms_played) / 60000.0', 2) }} as total_minutes,
        min(played_at)                                          as first_played_at,
        max(played_at)                                          as last_played_at
    from plays
    group by 1, 2

)

select * from final
