{{ gold_incremental_config('day', indexes=[{'columns': ['day', 'device_type'], 'unique': True}]) }}

-- Grain: one row per (UTC day, device_type) with plays; device_type 'unknown' = not reported.
-- Incremental: rebuilds the days of silver plays loaded since the last run (macros/incremental_gold.sql).

with {{ touched_days_cte([(ref('silver_plays'), 'played_date')]) }}

plays as (

    select * from {{ ref('silver_plays') }}
    {{ in_touched_days('played_date') }}

),

per_device as (

    select
        played_date                                   as day,
        device_type,
        bool_and(is_known_device)                     as is_known_device,
        count(*)                                      as play_count,
        count(distinct user_id)                       as unique_users,
        {{ round_numeric('sum(effective_ms_played) / 60000.0', 2) }} as total_minutes,
        max(_loaded_at)                               as _loaded_through
    from plays
    group by 1, 2

),

final as (

    select
        per_device.*,
        {{ round_numeric('play_count::numeric / sum(play_count) over (partition by day)', 4) }} as share_of_day_plays
    from per_device

)

select * from final
