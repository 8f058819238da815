-- Co-occurrence pairs are unique, never a track with itself, and at most 20 per track_a.
select track_a, track_b, 'duplicate pair' as problem
from {{ ref('track_cooccurrence') }}
group by track_a, track_b
having count(*) > 1
union all
select track_a, track_b, 'self pair'
from {{ ref('track_cooccurrence') }}
where track_a = track_b
union all
select track_a, null, 'more than 20 per track_a'
from {{ ref('track_cooccurrence') }}
group by track_a
having count(*) > 20
