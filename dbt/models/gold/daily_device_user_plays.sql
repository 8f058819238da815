{{ gold_incremental_config('day', indexes=[{'columns': ['day', 'device_type', 'user_id'], 'unique': True}, {'columns': ['device_type', 'day']}]) }}

-- Grain: one row per (UTC day, device_type, user_id) with plays.
-- Incremental: rebuilds the days of silver plays loaded since the last run (macros/incremental_gold.sql).
-- Serves the dashboard's exact distinct active users for a device over any date range (distinct counts cannot be summed from daily distincts)
-- without reading silver_plays; rows are written in (device_type, day, user_id) order so that
-- the lookup index reads neighbouring pages.

with {{ touched_days_cte([(ref('silver_plays'), 'played_date')]) }}

plays as (

    select
        played_date      as day,
        device_type,
        user_id,
        _loaded_at
    from {{ ref('silver_plays') }}
    {{ in_touched_days('played_date') }}

),

rolled_up as (

    select
        day,
        device_type,
        user_id,
        count(*)                         as play_count,
        max(_loaded_at)                  as _loaded_through
    from plays
    group by 1, 2, 3

),

final as (

    select * from rolled_up
    order by device_type, day, user_id

)

select * from final
