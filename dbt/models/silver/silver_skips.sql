{{ silver_incremental_config('event_id', indexes=[
    {'columns': ['event_id'], 'unique': True},
    {'columns': ['user_id', 'occurred_at']},
    {'columns': ['track_id']},
]) }}

-- Grain: one row per skip event_id (earliest loaded copy) of stg_skips. Rows with a
-- reject_reason (no valid event_id, user_id, track_id or timestamp) are dropped (counted in
-- silver_quality_summary); other oddities are kept and flagged. Incremental: only new event_ids
-- (macros/incremental_silver.sql).

with {{ deduplicated_events(ref('stg_skips')) }},

final as (

    select
        event_id,
        user_id,
        track_id,
        track_name,
        artist_name,
        album_name,
        duration_ms,
        position_ms,
        case when position_ms is not null and position_ms >= 0
              and (duration_ms is null or position_ms <= duration_ms) then true else false end as is_valid_position,
        occurred_at,
        {{ utc_day('occurred_at') }}                                   as occurred_date,
        device_type,
        context_type,
        source,
        is_valid_duration,
        device_type in ({{ known_devices_list() }})                    as is_known_device,
        occurred_at > coalesce(_ingested_at, _loaded_at) + interval '5 minutes' as is_future,
        _source_file,
        _loaded_at
    from deduplicated

)

select * from final
