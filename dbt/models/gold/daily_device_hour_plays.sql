{{ gold_incremental_config('day', indexes=[{'columns': ['day', 'device_type', 'hour_of_day'], 'unique': True}, {'columns': ['device_type', 'day']}]) }}

-- Grain: one row per (UTC day, device_type, hour_of_day) with plays.
-- Incremental: rebuilds the days of silver plays loaded since the last run (macros/incremental_gold.sql).
-- Serves the dashboard's plays, listening time, hourly and weekday x hour charts for any date range and device
-- without reading silver_plays; rows are written in (device_type, day, hour_of_day) order so that
-- the lookup index reads neighbouring pages.

with {{ touched_days_cte([(ref('silver_plays'), 'played_date')]) }}

plays as (

    select
        played_date      as day,
        device_type,
        played_hour      as hour_of_day,
        effective_ms_played,
        _loaded_at
    from {{ ref('silver_plays') }}
    {{ in_touched_days('played_date') }}

),

rolled_up as (

    select
        day,
        device_type,
        hour_of_day,
        count(*)                         as play_count,
        sum(effective_ms_played)         as total_ms_played,
        max(_loaded_at)                  as _loaded_through
    from plays
    group by 1, 2, 3

),

final as (

    select * from rolled_up
    order by device_type, day, hour_of_day

)

select * from final
