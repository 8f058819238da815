{{ config(indexes=[{'columns': ['track_id'], 'unique': True}]) }}

-- Grain: one row per track_id seen in silver plays, skips or likes. Names come from the
-- most recent play (then skip/like) that carried them.

with events as (

    select track_id, track_name, artist_name, album_name, artist_id, album_id,
           duration_ms, played_at as seen_at, 1 as source_priority
    from {{ ref('silver_plays') }}
    union all
    select track_id, track_name, artist_name, album_name, null, null,
           duration_ms, occurred_at, 2
    from {{ ref('silver_skips') }}
    union all
    select track_id, track_name, artist_name, album_name, null, null,
           duration_ms, occurred_at, 3
    from {{ ref('silver_likes') }}

),

latest as (

    select distinct on (track_id)
        track_id, track_name, artist_name, album_name, artist_id, album_id, duration_ms
    from events
    where track_name is not null
    order by track_id, source_priority, seen_at desc

),

seen as (

    select track_id, min(seen_at) as first_seen_at, max(seen_at) as last_seen_at
    from events
    group by track_id

),

final as (

    select
        seen.track_id,
        latest.track_name,
        latest.artist_name,
        latest.album_name,
        latest.artist_id,
        latest.album_id,
        latest.duration_ms,
        seen.first_seen_at,
        seen.last_seen_at
    from seen
    left join latest using (track_id)

)

select * from final
