{#- A staging model of one bronze event table (models/staging/stg_*.sql): its columns renamed and
    cast, and the cleaning rules (macros/cleaning_rules.sql) applied to each row; nothing that
    needs another row. The bronze columns are the same in every event table (Shared/Lake's
    BronzeColumn; bronze_sources.yml), so this is their one list; a table differs only in what its
    event time is called (`event_time`) and whether a play's duration decides its rejection
    (`duration_required`) or is only flagged. -#}
{% macro stage_bronze_events(bronze_table, event_time, duration_required) %}
with source as (

    select * from {{ source('bronze', bronze_table) }}

),

renamed as (

    select
        {{ safe_uuid('event_id') }}                   as event_id,
        event_id                                      as bronze_event_id,
        {{ clean_user_id('user_id') }}                as user_id,
        user_id                                       as bronze_user_id,
        lower(event_type)                             as event_type,
        track_id,
        track_name,
        artist_name,
        nullif(album_name, '')                        as album_name,
        nullif(artist_id, '')                         as artist_id,
        nullif(album_id, '')                          as album_id,
        album_image_url,
        cast(duration_ms as bigint)                   as duration_ms,
        cast(ms_played as bigint)                     as ms_played,
        cast(position_ms as bigint)                   as position_ms,
        cast(played_at as timestamptz)                as {{ event_time }},
        {{ clean_device('device_type') }}             as device_type,
        nullif(lower(context_type), '')               as context_type,
        source,
        cast(coalesce(schema_version, 1) as integer)  as schema_version,
        _kafka_partition,
        _kafka_offset,
        _ingested_at,
        _source_file,
        _loaded_at
    from source

),

checked as (

    select
        *,
        {{ valid_duration('duration_ms') }} as is_valid_duration,
        {{ reject_reason(event_time, duration_required) }} as reject_reason
    from renamed

)

select * from checked
{% endmacro %}
