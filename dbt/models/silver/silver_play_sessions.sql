{{ silver_incremental_config('event_id', indexes=[
    {'columns': ['event_id'], 'unique': True},
    {'columns': ['session_id']},
    {'columns': ['user_id', 'played_at']},
    {'columns': ['_loaded_at']},
    {'columns': ['_rebuilt_at']},
]) }}

-- Grain: one row per silver play, with the listening session it belongs to.
-- A user's new session starts when more than var('session_gap_minutes') (30) minutes have
-- passed since the start of that user's previous play (start-to-start gap, ties by event_id).
--
-- Incremental: for each listener with new plays (silver_plays rows loaded since the watermark,
-- less the lookback, not here yet), their plays are numbered again from the start of the session
-- that held their last play before the earliest new one: a new play can only join that session,
-- split it, or change what comes after it. Earlier sessions keep their numbers. The rows numbered
-- again carry this run's `_rebuilt_at`, which tells silver_listening_sessions what changed.

with

{% if incremental_with(['_loaded_at', '_rebuilt_at']) %}

new_plays as (

    select plays.user_id, min(plays.played_at) as first_new_at
    from {{ ref('silver_plays') }} plays
    where {{ loaded_in_window('plays') }}
      and not exists (select 1 from {{ this }} existing where existing.event_id = plays.event_id)
    group by plays.user_id

),

restarts as (

    -- the session of the user's last play before their earliest new one (none: from the start)
    select
        new_plays.user_id,
        coalesce(previous.session_number, 1) as restart_number,
        coalesce((
            select min(first_play.played_at) from {{ this }} first_play
            where first_play.user_id = new_plays.user_id
              and first_play.session_number = previous.session_number
        ), '-infinity'::timestamptz) as restart_at
    from new_plays
    left join lateral (
        select existing.session_number
        from {{ this }} existing
        where existing.user_id = new_plays.user_id and existing.played_at < new_plays.first_new_at
        order by existing.played_at desc, existing.event_id desc
        limit 1
    ) previous on true

),

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
