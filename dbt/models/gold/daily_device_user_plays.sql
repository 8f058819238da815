{{ config(indexes=[{'columns': ['day', 'device_type', 'user_id'], 'unique': True}, {'columns': ['device_type', 'day']}]) }}

-- Grain: one row per (UTC day, device_type, user_id) with plays.
-- Serves the dashboard's exact distinct active users for a device over any date range (distinct counts cannot be summed from daily distincts)
-- without reading silver_plays; rows are written in (device_type, day, user_id) order so that
-- the lookup index reads neighbouring pages.

with plays as (

    select
        played_date      as day,
        device_type,
        user_id
    from {{ ref('silver_plays') }}

),

rolled_up as (

    select
        day,
        device_type,
        user_id,
        count(*)                         as play_count
    from plays
    group by 1, 2, 3

),

final as (

    select * from rolled_up
    order by device_type, day, user_id

)

select * from final
