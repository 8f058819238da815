{{ config(indexes=[
    {'columns': ['user_id', 'artist_name'], 'unique': True},
    {'columns': ['user_id', 'affinity_rank']},
]) }}

-- Grain: one row per (user_id, artist_name), the user's top 50 artists.
-- Each play is weighted by recency relative to reference_time() (latest played_at in silver by
-- default): 2.0 within 7 days, 1.5 within 30 days, 1.0 older. affinity_score =
-- weighted_plays / the user's highest weighted_plays × 100 (0–100, the top artist = 100).

with reference as (

    select {{ reference_time() }} as reference_time

),

plays as (

    select user_id, artist_name, track_id, played_at
    from {{ ref('silver_plays') }}
    where artist_name is not null

),

weighted as (

    select
        plays.*,
        case
            when played_at >= reference.reference_time - interval '7 days'  then 2.0
            when played_at >= reference.reference_time - interval '30 days' then 1.5
            else 1.0
        end as recency_weight
    from plays
    cross join reference

),

per_artist as (

    select
        user_id,
        artist_name,
        count(*)                                        as play_count,
        count(distinct track_id)                        as unique_tracks,
        sum(recency_weight)                             as weighted_plays,
        max(played_at)                                  as last_played_at
    from weighted
    group by 1, 2

),

ranked as (

    select
        per_artist.*,
        (weighted_plays / max(weighted_plays) over (partition by user_id) * 100)::double precision
                                                         as affinity_score,
        row_number() over (
            partition by user_id
            order by weighted_plays desc, unique_tracks desc, artist_name
        )                                                as affinity_rank
    from per_artist

),

final as (

    select
        user_id,
        artist_name,
        play_count,
        unique_tracks,
        weighted_plays,
        affinity_score,
        affinity_rank,
        last_played_at,
        (select reference_time from reference)           as reference_time
    from ranked
    where affinity_rank <= 50

)

select * from final
