{{ config(indexes=[{'columns': ['day', 'device_type', 'hour_of_day'], 'unique': True}, {'columns': ['device_type', 'day']}]) }}

-- Grain: one row per (UTC day, device_type, hour_of_day) with plays.
-- Serves the dashboard's plays, listening time, hourly and weekday x hour charts for any date range and device
-- without reading silver_plays; rows are written in (device_type, day, hour_of_day) order so that
-- the lookup index reads neighbouring pages.

with plays as (

    select
        played_date      as day,
        device_type,
        played_hour      as hour_of_day,
        effective_ms_played
    from {{ ref('silver_plays') }}

),

rolled_up as (

    select
        day,
        device_type,
        hour_of_day,
        count(*)                         as play_count,
        sum(effective_ms_played)         as total_ms_played
    from plays
    group by 1, 2, 3

),

final as (

    select * from rolled_up
    order by device_type, day, hour_of_day

)

select * from final
