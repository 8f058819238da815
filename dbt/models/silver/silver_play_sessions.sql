{{ config(indexes=[
    {'columns': ['event_id'], 'unique': True},
    {'columns': ['session_id']},
    {'columns': ['user_id']},
]) }}

-- Grain: one row per silver play, with the listening session it belongs to.
-- A user's new session starts when more than var('session_gap_minutes') (30) minutes have
-- passed since the start of that user's previous play (start-to-start gap, ties by event_id).

with plays as (

    select event_id, user_id, track_id, artist_name, played_at, effective_ms_played
    from {{ ref('silver_plays') }}

),

gaps as (

    select
        plays.*,
        lag(played_at) over (partition by user_id order by played_at, event_id) as previous_played_at
    from plays

),

numbered as (

    select
        gaps.*,
        sum(case
                when previous_played_at is null
                  or played_at - previous_played_at > interval '{{ var("session_gap_minutes") }} minutes'
                then 1 else 0
            end) over (
                partition by user_id order by played_at, event_id
                rows between unbounded preceding and current row
            ) as session_number
        from gaps

),

final as (

    select
        event_id,
        user_id,
        session_number,
        md5(user_id || '|' || session_number::text)                    as session_id,
        track_id,
        artist_name,
        played_at,
        effective_ms_played
    from numbered

)

select * from final
