{{ silver_incremental_config('track_id', indexes=[
    {'columns': ['track_id'], 'unique': True},
    {'columns': ['_loaded_through']},
]) }}

-- Grain: one row per track_id seen in silver plays, skips or likes. Names come from the
-- most recent play (then skip/like) that carried them.
--
-- Incremental: the tracks of silver rows loaded since the watermark (`_loaded_through`, the
-- newest `_loaded_at` counted, less the lookback) are merged with what this table holds: first
-- and last seen widen, and the names change when a new event outranks the one they came from
-- (`_name_source`, then `_name_seen_at`). Only the window's events are read, whatever the track's
-- history; a re-read within the lookback changes nothing (min, max and the best name are idempotent).

with events as (

    {% set incremental = incremental_with(['_loaded_through', '_name_source', '_name_seen_at']) %}
    {% for relation, time_column, source_priority in [
        (ref('silver_plays'), 'played_at', 1),
        (ref('silver_skips'), 'occurred_at', 2),
        (ref('silver_likes'), 'occurred_at', 3)] %}
    select track_id, track_name, artist_name, album_name,
           {{ 'artist_id, album_id' if source_priority == 1 else 'null as artist_id, null as album_id' }},
           duration_ms, {{ time_column }} as seen_at, {{ source_priority }} as source_priority,
           event_id, _loaded_at
    from {{ relation }} events
    {%- if incremental %}
    where {{ loaded_in_window('events', watermark='_loaded_through') }}
    {%- endif %}
    {{ 'union all' if not loop.last }}
    {% endfor %}

),

latest as (

    -- distinct on (track_id) on PostgreSQL (macros/portability.sql)
    {{ first_row_per(
        partition_by=['track_id'],
        order_by='source_priority, seen_at desc, event_id',
        columns='track_id, track_name, artist_name, album_name, artist_id, album_id, duration_ms,
        source_priority as _name_source, seen_at as _name_seen_at',
        from='events
    where track_name is not null') }}

),

seen as (

    select track_id, min(seen_at) as first_seen_at, max(seen_at) as last_seen_at,
           max(_loaded_at) as _loaded_through
    from events
    group by track_id

),

changes as (

    select
        seen.track_id,
        latest.track_name,
        latest.artist_name,
        latest.album_name,
        latest.artist_id,
        latest.album_id,
        latest.duration_ms,
        seen.first_seen_at,
        seen.last_seen_at,
        latest._name_source,
        latest._name_seen_at,
        seen._loaded_through
    from seen
    left join latest using (track_id)

),

{% if incremental %}

final as (

    select
        changes.track_id,
        case when new_names then changes.track_name else existing.track_name end   as track_name,
        case when new_names then changes.artist_name else existing.artist_name end as artist_name,
        case when new_names then changes.album_name else existing.album_name end   as album_name,
        case when new_names then changes.artist_id else existing.artist_id end     as artist_id,
        case when new_names then changes.album_id else existing.album_id end       as album_id,
        case when new_names then changes.duration_ms else existing.duration_ms end as duration_ms,
        least(changes.first_seen_at, existing.first_seen_at)                        as first_seen_at,
        greatest(changes.last_seen_at, existing.last_seen_at)                       as last_seen_at,
        case when new_names then changes._name_source else existing._name_source end   as _name_source,
        case when new_names then changes._name_seen_at else existing._name_seen_at end as _name_seen_at,
        greatest(changes._loaded_through, existing._loaded_through)                 as _loaded_through
    from changes
    left join {{ this }} existing using (track_id)
    cross join lateral (
        -- the new events' names outrank the held ones: a better source, or the same one later
        select changes._name_source is not null and (
                   existing._name_source is null
                or changes._name_source < existing._name_source
                or (changes._name_source = existing._name_source and changes._name_seen_at > existing._name_seen_at)
               ) as new_names
    ) outranks

)

{% else %}

final as (

    select * from changes

)

{% endif %}

select * from final
