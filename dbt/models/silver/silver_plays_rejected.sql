{{ silver_incremental_config('_loaded_at', indexes=[
    {'columns': ['reject_reason']},
    {'columns': ['_loaded_at']},
]) }}

-- Grain: one row per bronze.plays row that did not become a silver_plays row, with the reason
-- (first failing rule, in the order below).
-- Incremental: the bronze rows loaded in the window (macros/incremental_silver.sql) are classified
-- again and replace whatever this table holds for their `_loaded_at` (a loader transaction is
-- wholly in the window or not), so a re-read never counts a row twice. A copy's number counts
-- every loaded copy of its event: a later copy is always loaded later, so old numbers never change.

with source as (

    select * from {{ source('bronze', 'plays') }} bronze_plays
    {% if is_incremental() %}
    where {{ loaded_in_window('bronze_plays') }}
    {% endif %}

),

numbered as (

    select
        source.*,
        {{ safe_uuid('source.event_id') }} as event_uuid,
        {% if is_incremental() -%}
        -- counted through the event_id index: a sort of the window's rows with every other copy
        -- of their events would spill to disk at 2,000 events/s
        1 + (
            select count(*) from {{ source('bronze', 'plays') }} earlier
            where earlier.event_id = source.event_id
              and (earlier._loaded_at, earlier._source_file, earlier._kafka_partition, earlier._kafka_offset)
                < (source._loaded_at, source._source_file, source._kafka_partition, source._kafka_offset)
        ) as copy_number
        {%- else -%}
        row_number() over (partition by event_id order by {{ copy_order() }}) as copy_number
        {%- endif %}
    from source

),

classified as (

    select
        *,
        case
            when event_uuid is null                          then 'invalid_event_id'
            when copy_number > 1                             then 'duplicate'
            when nullif(trim(user_id), '') is null           then 'null_user_id'
            when track_id is null or played_at is null       then 'missing_track_or_time'
            when duration_ms is null                         then 'invalid_duration'
            when duration_ms <= 0 or duration_ms >= 600000   then 'invalid_duration'
        end as reject_reason
    from numbered

),

final as (

    select
        event_id,
        -- which loaded copy of its event the row is (1 = the one silver keeps); null when the
        -- event_id is not a UUID
        case when event_uuid is not null then copy_number end as copy_number,
        reject_reason,
        user_id,
        track_id,
        duration_ms,
        played_at,
        {{ clean_device('device_type') }} as device_type,
        _source_file,
        _loaded_at
    from classified
    where reject_reason is not null

)

select * from final
