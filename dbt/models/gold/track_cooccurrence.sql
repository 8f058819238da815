{{ config(
    indexes=[
      {'columns': ['track_a', 'track_b'], 'unique': True},
      {'columns': ['track_a', 'rank']},
    ],
    pre_hook=["{{ set_work_mem(var(\"heavy_model_work_mem\")) }}"]
) }}

-- Grain: one row per ordered pair (track_a, track_b), track_a <> track_b, played in at least
-- 2 common listening sessions (across all users). score = sessions_together / sessions_of_track_a
-- is asymmetric, so both directions are computed; each track_a keeps its top 20 track_b
-- (score desc, sessions_together desc, track_b asc), so (b, a) may be cut where (a, b) is kept.

with plays as (

    select session_id, track_id
    from {{ ref('silver_play_sessions') }}

),

-- Integer keys: the pair self-join below produces millions of rows, and 4-byte keys instead
-- of 32-character md5 / 22-character ids make the join and the aggregation several times cheaper.
track_keys as (

    select track_id, row_number() over (order by track_id collate "C")::integer as track_key
    from (select distinct track_id from plays) tracks

),

session_tracks as (

    select distinct
        dense_rank() over (order by plays.session_id collate "C")::integer as session_key,
        track_keys.track_key
    from plays
    join track_keys using (track_id)

),

track_sessions as (

    select track_key, count(*) as sessions_of_track
    from session_tracks
    group by track_key

),

-- sessions_together is symmetric: count each unordered pair once (key_1 < key_2) ...
unordered_pairs as (

    select
        a.track_key         as key_1,
        b.track_key         as key_2,
        count(*)            as sessions_together
    from session_tracks a
    join session_tracks b
      on a.session_key = b.session_key
     and a.track_key < b.track_key
    group by 1, 2
    having count(*) >= 2

),

-- ... then emit both directions, since the score (divided by track_a's sessions) is not.
pairs as (

    select ka.track_id as track_a, kb.track_id as track_b, unordered_pairs.sessions_together,
           unordered_pairs.key_1 as key_a
    from unordered_pairs
    join track_keys ka on ka.track_key = unordered_pairs.key_1
    join track_keys kb on kb.track_key = unordered_pairs.key_2
    union all
    select kb.track_id, ka.track_id, unordered_pairs.sessions_together,
           unordered_pairs.key_2
    from unordered_pairs
    join track_keys ka on ka.track_key = unordered_pairs.key_1
    join track_keys kb on kb.track_key = unordered_pairs.key_2

),

scored as (

    select
        pairs.track_a,
        pairs.track_b,
        pairs.sessions_together,
        track_sessions.sessions_of_track                                   as sessions_of_track_a,
        pairs.sessions_together::double precision / track_sessions.sessions_of_track as cooccurrence_score
    from pairs
    join track_sessions on track_sessions.track_key = pairs.key_a

),

ranked as (

    select
        scored.*,
        row_number() over (
            partition by track_a
            order by cooccurrence_score desc, sessions_together desc, track_b
        ) as rank
    from scored

),

final as (

    select
        ranked.track_a,
        ranked.track_b,
        ta.track_name       as track_a_name,
        ta.artist_name      as track_a_artist,
        tb.track_name       as track_b_name,
        tb.artist_name      as track_b_artist,
        ranked.sessions_together,
        ranked.sessions_of_track_a,
        ranked.cooccurrence_score,
        ranked.rank
    from ranked
    left join {{ ref('silver_tracks') }} ta on ta.track_id = ranked.track_a
    left join {{ ref('silver_tracks') }} tb on tb.track_id = ranked.track_b
    where ranked.rank <= 20

)

select * from final
