-- track_neighbours holds exactly each seed's track_cooccurrence rows, at their rank and with
-- their score: a row here is a candidate missing, extra, misplaced or changed.
with expanded as (

    select
        neighbours.track_id                                   as track_a,
        candidate.position                                    as rank,
        candidate.value ->> 'track_id'                        as track_b,
        (candidate.value ->> 'cooccurrence_score')::float8    as cooccurrence_score
    from {{ ref('track_neighbours') }} neighbours
    -- lateral json_array_elements(...) with ordinality on PostgreSQL (macros/portability.sql)
    cross join {{ json_array_elements_with_position('neighbours.candidates') }} as candidate(value, position)

)

select
    coalesce(cooccurrence.track_a, expanded.track_a) as track_a,
    coalesce(cooccurrence.rank, expanded.rank)       as rank,
    cooccurrence.track_b                             as expected_track_b,
    expanded.track_b                                 as found_track_b
from {{ ref('track_cooccurrence') }} cooccurrence
full join expanded
  on expanded.track_a = cooccurrence.track_a and expanded.rank = cooccurrence.rank
where cooccurrence.track_b is distinct from expanded.track_b
   or cooccurrence.cooccurrence_score is distinct from expanded.cooccurrence_score
