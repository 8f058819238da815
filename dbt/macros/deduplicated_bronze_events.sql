{#- The steps silver_skips and silver_likes share: their bronze rows (on incremental runs only the
    new events, macros/incremental_silver.sql) renamed and cast, then one row per event_id (the
    earliest loaded copy) among rows that name a user, track and time. -#}
{% macro deduplicated_bronze_events(bronze_table) %}
source as (

    select * from {{ source('bronze', bronze_table) }} bronze_events
    {%- if is_incremental() %}
    where {{ new_bronze_events('bronze_events') }}
    {%- endif %}

),

renamed as (

    select
        {{ safe_uuid('event_id') }}                  as event_id,
        nullif(trim(user_id), '')                    as user_id,
        track_id,
        track_name,
        artist_name,
        nullif(album_name, '')                       as album_name,
        cast(duration_ms as bigint)                  as duration_ms,
        cast(position_ms as bigint)                  as position_ms,
        cast(played_at as timestamptz)               as occurred_at,
        {{ clean_device('device_type') }}            as device_type,
        nullif(lower(context_type), '')              as context_type,
        source,
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
            row_number() over (partition by event_id order by {{ copy_order() }}) as copy_number
        from renamed
        where event_id is not null
    ) numbered
    where copy_number = 1
      and user_id is not null
      and track_id is not null
      and occurred_at is not null

)
{% endmacro %}
