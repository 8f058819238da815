{{ config(indexes=[{'columns': ['user_id', 'artist_name'], 'unique': True}, {'columns': ['discovery_week']}]) }}

-- Grain: one row per (user_id, artist_name): the first time the user played the artist, and
-- the ISO week (Monday, UTC) of that discovery. Aggregate by discovery_week for weekly counts.

with plays as (

    select user_id, artist_name, track_id, played_at, event_id
    from {{ ref('silver_plays') }}
    where artist_name is not null

),

firsts as (

    -- distinct on (user_id, artist_name) on PostgreSQL (macros/portability.sql)
    {{ first_row_per(
        partition_by=['user_id', 'artist_name'],
        order_by='played_at, event_id',
        columns='user_id, artist_name, track_id as first_track_id, played_at as first_played_at',
        from='plays') }}

),

totals as (

    select user_id, artist_name, count(*) as total_plays
    from plays
    group by 1, 2

),

final as (

    select
        firsts.user_id,
        firsts.artist_name,
        firsts.first_played_at,
        firsts.first_track_id,
        cast({{ dbt.date_trunc('week', "firsts.first_played_at at time zone 'UTC'") }} as date) as discovery_week,
        totals.total_plays
    from firsts
    join totals using (user_id, artist_name)

)

select * from final
