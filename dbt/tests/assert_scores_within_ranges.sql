-- Every score stays within its documented range.
select 'cooccurrence_score' as score, track_a as key, cooccurrence_score::float8 as value
from {{ ref('track_cooccurrence') }}
where cooccurrence_score is null or cooccurrence_score <= 0 or cooccurrence_score > 1
union all
select 'affinity_score', user_id || '/' || artist_name, affinity_score
from {{ ref('artist_affinity') }}
where affinity_score is null or affinity_score < 0 or affinity_score > 100
union all
select 'recommendation_score', user_id || '/' || track_id, recommendation_score
from {{ ref('track_recommendations') }}
where recommendation_score is null or recommendation_score < 0 or recommendation_score > 100
union all
select 'recommendation_cooccurrence', user_id || '/' || track_id, cooccurrence_score
from {{ ref('track_recommendations') }}
where cooccurrence_score < 0 or cooccurrence_score > 1
union all
select 'recommendation_affinity', user_id || '/' || track_id, artist_affinity
from {{ ref('track_recommendations') }}
where artist_affinity < 0 or artist_affinity > 100
