{#- Pre-hooks: CTE row estimates are far too low here, so the planner sorts millions of
    candidate rows for a merge anti-join; a hash anti-join is several times faster (1M events:
    see dbt/README.md). Both settings are scoped to this model's transaction, and PostgreSQL's
    own: other engines get neither (macros/helpers.sql). -#}
{{ config(
    indexes=[
      {'columns': ['user_id', 'recommendation_rank']},
      {'columns': ['user_id', 'track_id'], 'unique': True},
    ],
    pre_hook=[
      "{{ disable_merge_join() }}",
      "{{ set_work_mem(var(\"heavy_model_work_mem\")) }}",
    ]
) }}

-- Grain: one row per (user_id, recommended track_id), at most 50 per user, for every user whose
-- played tracks have co-occurring tracks. Candidates are the track_b of track_cooccurrence rows
-- whose track_a the user played, minus every track the user played.
-- recommendation_score = (co-occurrence × 0.7 + artist affinity / 100 × 0.3) × 100, where
-- co-occurrence = the sum over the user's plays of the played track's co-occurrence score with
-- the candidate, divided by the user's highest such sum (0–1, the strongest candidate = 1), and
-- artist affinity = the user's artist_affinity score for the candidate's artist (0 if not top 50).
-- Why a play-weighted sum and not a mean over the seeds: a mean ranks a track reached from one
-- rarely played seed with a score of 1.0 above a track that many of the user's favourite tracks
-- lead to; the sum is item-based collaborative filtering, and offline (dbt/evaluate-recommendations,
-- 1M events) it lifts HitRate@10 from 0.53 to 0.83 (most-popular baseline 0.29).
-- --vars '{cooccurrence_aggregation: mean}' gives the first spec's "avg co-occurrence".

with user_tracks as (

    select user_id, track_id, count(*) as plays
    from {{ ref('silver_plays') }}
    group by user_id, track_id

),

cooccurrence as (

    select track_a, track_b, cooccurrence_score, sessions_together
    from {{ ref('track_cooccurrence') }}

),

candidates as (

    select
        user_tracks.user_id,
        cooccurrence.track_b            as track_id,
        cooccurrence.track_a            as seed_track_id,
        cooccurrence.cooccurrence_score,
        cooccurrence.sessions_together,
        user_tracks.plays               as seed_plays
    from user_tracks
    join cooccurrence on cooccurrence.track_a = user_tracks.track_id
    where not exists (
        select 1 from user_tracks played
        where played.user_id = user_tracks.user_id
          and played.track_id = cooccurrence.track_b
    )

),

summed as (

    select
        user_id,
        track_id,
        {% if var('cooccurrence_aggregation') == 'mean' -%}
        avg(cooccurrence_score)         as cooccurrence_strength,
        {%- else -%}
        sum(cooccurrence_score * seed_plays) as cooccurrence_strength,
        {%- endif %}
        count(*)                        as supporting_tracks
    from candidates
    group by 1, 2

),

aggregated as (

    select
        user_id,
        track_id,
        {% if var('cooccurrence_aggregation') == 'mean' -%}
        cooccurrence_strength           as cooccurrence_score,
        {%- else -%}
        cooccurrence_strength / max(cooccurrence_strength) over (partition by user_id)
                                        as cooccurrence_score,
        {%- endif %}
        supporting_tracks
    from summed

),

scored as (

    select
        aggregated.user_id,
        aggregated.track_id,
        tracks.track_name,
        tracks.artist_name,
        aggregated.cooccurrence_score,
        coalesce(affinity.affinity_score, 0)::double precision           as artist_affinity,
        -- rounded to 4 decimals before ranking, so float summation order cannot reorder ties
        round({{ as_numeric('(aggregated.cooccurrence_score * 0.7
            + coalesce(affinity.affinity_score, 0) / 100.0 * 0.3) * 100') }}, 4)
                                                                         as recommendation_score,
        aggregated.supporting_tracks
    from aggregated
    left join {{ ref('silver_tracks') }} tracks on tracks.track_id = aggregated.track_id
    left join {{ ref('artist_affinity') }} affinity
      on affinity.user_id = aggregated.user_id
     and affinity.artist_name = tracks.artist_name

),

ranked as (

    select *
    from (
        select
            scored.*,
            row_number() over (
                partition by user_id
                order by recommendation_score desc, supporting_tracks desc, track_id
            ) as recommendation_rank
        from scored
    ) numbered
    where recommendation_rank <= 50

),

-- The seed named in the reason: the user's played track with the strongest co-occurrence,
-- looked up only for the kept top 50.
best_seed as (

    -- distinct on (user_id, track_id) on PostgreSQL (macros/portability.sql)
    {{ first_row_per(
        partition_by=['candidates.user_id', 'candidates.track_id'],
        order_by='candidates.cooccurrence_score desc, candidates.sessions_together desc, candidates.seed_track_id',
        columns='candidates.user_id,
        candidates.track_id,
        candidates.seed_track_id,
        seed.track_name     as seed_track_name,
        seed.artist_name    as seed_artist_name',
        from='candidates
    join ranked using (user_id, track_id)
    left join ' ~ ref('silver_tracks') ~ ' seed on seed.track_id = candidates.seed_track_id') }}

),

final as (

    select
        user_id,
        track_id,
        track_name,
        artist_name,
        recommendation_score::double precision                       as recommendation_score,
        cooccurrence_score::double precision                         as cooccurrence_score,
        artist_affinity,
        supporting_tracks,
        seed_track_id,
        'Often played in the same session as "' || coalesce(seed_track_name, seed_track_id) || '"'
            || coalesce(' by ' || seed_artist_name, '')
            || case when supporting_tracks > 1
                    then ' and ' || (supporting_tracks - 1) || ' more track'
                         || case when supporting_tracks > 2 then 's' else '' end
                         || ' you played'
                    else '' end
            || case when artist_affinity >= 50 then '; you listen to ' || artist_name || ' a lot'
                    when artist_affinity > 0  then '; you have listened to ' || artist_name
                    else '' end                                      as reason,
        recommendation_rank
    from ranked
    join best_seed using (user_id, track_id)

)

select * from final
