-- Every dashboard rollup accounts for each silver play exactly once.
with silver as (

    select count(*) as plays from {{ ref('silver_plays') }}

),

rollups as (

    {% for model in ['daily_device_hour_plays', 'daily_device_user_plays', 'daily_track_plays',
                     'device_track_plays', 'daily_device_track_plays', 'daily_album_plays',
                     'device_album_plays', 'daily_device_album_plays'] -%}
    select '{{ model }}' as model, coalesce(sum(play_count), 0) as plays from {{ ref(model) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select rollups.model, rollups.plays as rollup_plays, silver.plays as silver_plays
from rollups
cross join silver
where rollups.plays <> silver.plays
