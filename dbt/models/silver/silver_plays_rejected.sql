{{ config(indexes=[{'columns': ['reject_reason']}]) }}

-- Grain: one row per bronze.plays row that did not become a silver_plays row, with the reason
-- (first failing rule, in the order below). Rebuilt in full on every run.

with source as (

    select * from {{ source('bronze', 'plays') }}

),

numbered as (

    select
        source.*,
        {{ safe_uuid('event_id') }} as event_uuid,
        row_number() over (
            partition by event_id order by _loaded_at, _source_file
        ) as copy_number
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
        copy_number,
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
