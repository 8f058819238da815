{{ config(indexes=[{'columns': ['day_of_week', 'hour_of_day'], 'unique': True}]) }}

-- Grain: one row per (ISO day of week 1=Monday..7=Sunday, UTC hour 0..23) with plays.

with plays as (

    select
        cast(extract(isodow from (played_at at time zone 'UTC')) as integer) as day_of_week,
        played_hour                                                        as hour_of_day,
        played_date,
        user_id,
        effective_ms_played
    from {{ ref('silver_plays') }}

),

final as (

    select
        day_of_week,
        hour_of_day,
        count(*)                                                 as play_count,
        count(distinct user_id)                                  as unique_users,
        count(distinct played_date)                              as days_observed,
        {{ round_numeric('count(*)::numeric / count(distinct played_date)', 2) }} as avg_plays_per_day,
        {{ round_numeric('sum(effective_ms_played) / 60000.0', 2) }} as total_minutes
    from plays
    group by 1, 2

)

select * from final
