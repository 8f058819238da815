-- user_daily_listening totals per day equal silver's plays, skips, likes and listening time.
with gold as (

    select day, sum(play_count) as plays, sum(skip_count) as skips, sum(like_count) as likes,
           sum(total_ms_played) as ms
    from {{ ref('user_daily_listening') }}
    group by day

),

silver as (

    select day, sum(plays) as plays, sum(skips) as skips, sum(likes) as likes, sum(ms) as ms
    from (
        select played_date as day, count(*) as plays, 0 as skips, 0 as likes,
               sum(effective_ms_played) as ms
        from {{ ref('silver_plays') }} group by 1
        union all
        select occurred_date, 0, count(*), 0, 0 from {{ ref('silver_skips') }} group by 1
        union all
        select occurred_date, 0, 0, count(*), 0 from {{ ref('silver_likes') }} group by 1
    ) parts
    group by day

)

select coalesce(gold.day, silver.day) as day, gold.plays as gold_plays, silver.plays as silver_plays
from gold
full outer join silver on silver.day = gold.day
where gold.day is null or silver.day is null
   or gold.plays <> silver.plays or gold.skips <> silver.skips
   or gold.likes <> silver.likes or gold.ms <> silver.ms
