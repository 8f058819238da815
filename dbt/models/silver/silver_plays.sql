{{ silver_incremental_config('event_id', indexes=[
    {'columns': ['event_id'], 'unique': True},
    {'columns': ['user_id', 'played_at']},
    {'columns': ['track_id']},
    {'columns': ['_loaded_at']},
    {'columns': ['played_at']},
]) }}

-- Grain: one row per play event_id (earliest loaded copy), valid rows only.
-- Incremental (macros/incremental_silver.sql): bronze rows loaded since the watermark, less the
-- lookback, whose event_id silver does not have yet: each run inserts exactly the new events.

with source as (

    select * from {{ source('bronze', 'plays') }} bronze_plays
    {% if is_incremental() %}
    -- anti-join first, so deduplication sorts just the new rows
    where {{ new_bronze_events('bronze_plays') }}
    {% endif %}

),

renamed as (

    select
        {{ safe_uuid('event_id') }}                 as event_id,
        nullif(trim(user_id), '')                   as user_id,
        lower(event_type)                           as event_type,
        track_id,
        track_name,
        artist_name,
        nullif(album_name, '')                      as album_name,
        nullif(artist_id, '')                       as artist_id,
        nullif(album_id, '')                        as album_id,
        cast(duration_ms as bigint)                 as duration_ms,
        cast(ms_played as bigint)                   as ms_played,
        cast(played_at as timestamptz)              as played_at,
        {{ clean_device('device_type') }}           as device_type,
        nullif(lower(context_type), '')             as context_type,
        source,
        cast(coalesce(schema_version, 1) as integer) as schema_version,
        _ingested_at,
        _source_file,
        _kafka_partition,
        _kafka_offset,
        _loaded_at
    from source

),

deduplicated as (

    select *
    from (
        select
            renamed.*,
            row_number() over (
                partition by event_id order by {{ copy_order() }}
            ) as copy_number
        from renamed
        where event_id is not null
    ) numbered
    where copy_number = 1

),

valid as (

    select *
    from deduplicated
    where user_id is not null
      and track_id is not null
      and played_at is not null
      and duration_ms > 0
      and duration_ms < 600000

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
