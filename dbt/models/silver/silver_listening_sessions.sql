{{ config(indexes=[
    {'columns': ['session_id'], 'unique': True},
    {'columns': ['user_id', 'session_start']},
]) }}

-- Grain: one row per listening session (user, run of plays with gaps ≤ 30 minutes).

with session_plays as (

    select * from {{ ref('silver_play_sessions') }}

),

final as (

    select
        session_id,
        user_id,
        session_number,
        min(played_at)                                                  as session_start,
        max(played_at)                                                  as session_end,
        count(*)                                                        as play_count,
        count(distinct track_id)                                        as unique_tracks,
        array_agg(track_id order by played_at, event_id)                as track_ids,
        sum(effective_ms_played)                                        as total_ms_played,
        round(extract(epoch from max(played_at) - min(played_at)) / 60.0, 2) as span_minutes
    from session_plays
    group by session_id, user_id, session_number

)

select * from final
