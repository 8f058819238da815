{{ silver_incremental_config('event_id', indexes=[
    {'columns': ['event_id'], 'unique': True},
    {'columns': ['user_id', 'played_at']},
    {'columns': ['track_id']},
    {'columns': ['_loaded_at']},
    {'columns': ['played_at']},
]) }}

-- Grain: one row per play event_id (earliest loaded copy), clean rows only: a filter of
-- stg_plays, which holds the renaming, the casts and the rules (reject_reason null = clean).
-- Incremental (macros/incremental_silver.sql): rows loaded since the watermark, less the
-- lookback, whose event_id silver does not have yet: each run inserts exactly the new events.

with plays as (

    select * from {{ ref('stg_plays') }} stg_plays
    {% if is_incremental() %}
    -- anti-join first, so deduplication sorts just the new rows
    where {{ new_bronze_events('stg_plays') }}
    {% endif %}

),

deduplicated as (

    -- rows without a valid event_id share the null partition; their reject_reason leaves them out
    -- below (filtering them here would run the UUID check once more per row)
    select *
    from (
        select
            plays.*,
            row_number() over (
                partition by event_id order by {{ copy_order() }}
            ) as copy_number
        from plays
    ) numbered
    where copy_number = 1

),

valid as (

    select *
    from deduplicated
    where reject_reason is null

),

final as (

    select
        event_id,
        user_id,
        track_id,
        track_name,
        artist_name,
        album_name,
        artist_id,
        album_id,
        duration_ms,
        ms_played,
        coalesce(ms_played, duration_ms)                               as effective_ms_played,
        played_at,
        {{ utc_day('played_at') }}                                     as played_date,
        {{ utc_hour('played_at') }}                                    as played_hour,
        device_type,
        context_type,
        source,
        schema_version,
        device_type in ({{ known_devices_list() }})                    as is_known_device,
        played_at > coalesce(_ingested_at, _loaded_at) + interval '5 minutes' as is_future,
        played_at < coalesce(_ingested_at, _loaded_at)
            - interval '{{ var("very_old_days") }} days'               as is_very_old,
        (album_name is null or device_type = 'unknown' or context_type is null
            or ms_played is null)                                      as has_missing_optional_fields,
        _ingested_at,
        _source_file,
        _loaded_at
    from valid

)

select * from final
