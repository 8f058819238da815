{{ silver_incremental_config('_loaded_at', indexes=[
    {'columns': ['reject_reason']},
    {'columns': ['_loaded_at']},
]) }}

-- Grain: one row per bronze.plays row that did not become a silver_plays row, with the reason:
-- stg_plays' reject_reason (the first rule the row breaks), except that a later copy of an event
-- with a valid event_id is a 'duplicate' before anything else (it needs the other copies, so
-- it is counted here, not in the view).
-- Incremental: the bronze rows loaded in the window (macros/incremental_silver.sql) are classified
-- again and replace whatever this table holds for their `_loaded_at` (a loader transaction is
-- wholly in the window or not), so a re-read never counts a row twice. A copy's number counts
-- every loaded copy of its event: a later copy is always loaded later, so old numbers never change.

with plays as (

    select * from {{ ref('stg_plays') }} stg_plays
    {% if is_incremental() %}
    where {{ loaded_in_window('stg_plays') }}
    {% endif %}

),

numbered as (

    select
        plays.*,
        {% if is_incremental() -%}
        -- counted through bronze's event_id index (the view is inlined): a sort of the window's
        -- rows with every other copy of their events would spill to disk at 2,000 events/s
        1 + (
            select count(*) from {{ ref('stg_plays') }} earlier
            where earlier.bronze_event_id = plays.bronze_event_id
              and (earlier._loaded_at, earlier._source_file, earlier._kafka_partition, earlier._kafka_offset)
                < (plays._loaded_at, plays._source_file, plays._kafka_partition, plays._kafka_offset)
        ) as copy_number
        {%- else -%}
        row_number() over (partition by bronze_event_id order by {{ copy_order() }}) as copy_number
        {%- endif %}
    from plays

),

classified as (

    select
        bronze_event_id                                       as event_id,
        -- which loaded copy of its event the row is (1 = the one silver keeps); null when the
        -- event_id is not a UUID (stg_plays' first rule: read from the reason, so the UUID check
        -- runs once per row)
        case when reject_reason is distinct from 'invalid_event_id' then copy_number end as copy_number,
        case
            when reject_reason = 'invalid_event_id'     then reject_reason
            when copy_number > 1                        then 'duplicate'
            else reject_reason
        end                                                   as reject_reason,
        bronze_user_id                                        as user_id,
        track_id,
        duration_ms,
        played_at,
        device_type,
        _source_file,
        _loaded_at
    from numbered

),

final as (

    select * from classified
    where reject_reason is not null

)

select * from final
