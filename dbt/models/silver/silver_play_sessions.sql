{{ silver_incremental_config('event_id', indexes=[
    {'columns': ['event_id'], 'unique': True},
    {'columns': ['session_id']},
    {'columns': ['user_id', 'played_at']},
    {'columns': ['_loaded_at']},
    {'columns': ['_rebuilt_at']},
], strategy='renumbered') }}

-- Grain: one row per silver play, with the listening session it belongs to.
-- A user's new session starts when more than var('session_gap_minutes') (30) minutes have
-- passed since the start of that user's previous play (start-to-start gap, ties by event_id).
--
-- Incremental: for each listener with new plays (silver_plays rows loaded since the watermark,
-- less the lookback, not here yet), their plays are numbered again from the start of the session
-- that held their last play before the earliest new one: a new play can only join that session,
-- split it, or change what comes after it. Earlier sessions keep their numbers. The rows numbered
-- again carry this run's `_rebuilt_at`, which tells silver_listening_sessions what changed.
-- When that would be a large share of the table, every play is numbered again instead
-- (macros/play_sessions.sql).

with

{% if play_sessions_in_part() %}

{{ play_session_restarts() }},

plays as (

    select
        plays.event_id, plays.user_id, plays.track_id, plays.artist_name, plays.played_at,
        plays.effective_ms_played, plays._loaded_at, restarts.restart_number
    from {{ ref('silver_plays') }} plays
    join restarts on restarts.user_id = plays.user_id and plays.played_at >= restarts.restart_at

),

{% else %}

plays as (

    select event_id, user_id, track_id, artist_name, played_at, effective_ms_played, _loaded_at,
           1 as restart_number
    from {{ ref('silver_plays') }}

),

{% endif %}

gaps as (

    select
        plays.*,
        lag(played_at) over (partition by user_id order by played_at, event_id) as previous_played_at
    from plays

),

numbered as (

    select
        gaps.*,
        restart_number - 1 + sum(case
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
        effective_ms_played,
        _loaded_at,
        cast('{{ run_started_at }}' as timestamptz)                     as _rebuilt_at
    from numbered

)

select * from final
