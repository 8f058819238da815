{{ silver_incremental_config('session_id', indexes=[
    {'columns': ['session_id'], 'unique': True},
    {'columns': ['user_id', 'session_start']},
]) }}
{{ config(pre_hook="{{ delete_vanished_sessions() }}") }}

-- Grain: one row per listening session (user, run of plays with gaps ≤ 30 minutes).
--
-- Incremental: the sessions of the plays silver_play_sessions numbered again since this table's
-- last build (their `_rebuilt_at`), whole (every play of such a session was numbered again). A
-- late play can merge two sessions, so a listener's later numbers can disappear: the pre-hook
-- (macros/incremental_silver.sql) deletes the sessions of those listeners that silver_play_sessions no longer has.

with changed as (

    select distinct session_id
    from {{ ref('silver_play_sessions') }}
    {% if incremental_with(['_rebuilt_at']) %}
    where _rebuilt_at > (select coalesce(max(_rebuilt_at), '-infinity'::timestamptz) from {{ this }})
    {% endif %}

),

session_plays as (

    select plays.*
    from {{ ref('silver_play_sessions') }} plays
    {% if incremental_with(['_rebuilt_at']) %}
    where plays.session_id in (select session_id from changed)
    {% endif %}

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
        {{ round_numeric('extract(epoch from max(played_at) - min(played_at)) / 60.0', 2) }} as span_minutes,
        max(_rebuilt_at)                                                as _rebuilt_at
    from session_plays
    group by session_id, user_id, session_number

)

select * from final
