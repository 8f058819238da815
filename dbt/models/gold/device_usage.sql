{{ config(indexes=[{'columns': ['day', 'device_type'], 'unique': True}]) }}

-- Grain: one row per (UTC day, device_type) with plays; device_type 'unknown' = not reported.

with plays as (

    select * from {{ ref('silver_plays') }}

),

per_device as (

    select
        played_date                                   as day,
        device_type,
        bool_and(is_known_device)                     as is_known_device,
        count(*)                                      as play_count,
        count(distinct user_id)                       as unique_users,
        round(sum(effective_ms_played) / 60000.0, 2)  as total_minutes
    from plays
    group by 1, 2

),

final as (

    select
        per_device.*,
        round(play_count::numeric / sum(play_count) over (partition by day), 4) as share_of_day_plays
    from per_device

)

select * from final
