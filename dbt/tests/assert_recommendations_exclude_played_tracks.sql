-- A recommendation must never be a track the user already played.
select r.user_id, r.track_id
from {{ ref('track_recommendations') }} r
join {{ ref('silver_plays') }} p
  on p.user_id = r.user_id
 and p.track_id = r.track_id
