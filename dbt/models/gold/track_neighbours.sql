{{ config(indexes=[{'columns': ['track_id'], 'unique': True}]) }}

-- Grain: one row per track with co-occurring tracks (track_cooccurrence's track_a), holding its
-- candidates as one JSON array in track_cooccurrence's rank order. Each candidate carries its
-- artist's global popularity: play_count / the most played artist's play_count × 100 (0–100;
-- 0 for an artist without plays). recommender-api answers a request without a user with one
-- indexed read of this row instead of joining co-occurrence and artist_stats per request
-- (issue #18); the ranking formula itself stays in the service.
-- Built with the recommendation models (hourly, dbt_transformation), so the popularity is
-- artist_stats as of that build.

with cooccurrence as (

    select track_a, track_b, track_b_name, track_b_artist, cooccurrence_score, rank
    from {{ ref('track_cooccurrence') }}

),

artists as (

    select
        artist_name,
        coalesce(play_count::float8 / nullif(max(play_count) over (), 0) * 100, 0) as artist_popularity
    from {{ ref('artist_stats') }}

),

final as (

    select
        cooccurrence.track_a                                  as track_id,
        count(*)                                              as candidate_count,
        -- json_agg(json_build_object(...) order by rank) on PostgreSQL (macros/portability.sql)
        {{ json_objects_array([
            ('track_id', 'cooccurrence.track_b'),
            ('track_name', "coalesce(cooccurrence.track_b_name, '')"),
            ('artist_name', "coalesce(cooccurrence.track_b_artist, '')"),
            ('cooccurrence_score', 'cooccurrence.cooccurrence_score'),
            ('artist_popularity', 'coalesce(artists.artist_popularity, 0)'),
        ], order_by='cooccurrence.rank') }}                   as candidates
    from cooccurrence
    left join artists on artists.artist_name = cooccurrence.track_b_artist
    group by cooccurrence.track_a

)

select * from final
