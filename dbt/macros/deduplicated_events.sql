{#- The steps silver_skips and silver_likes share: the rows of their staging model (on incremental
    runs only the new events, macros/incremental_silver.sql), then one row per event_id (the
    earliest loaded copy) whose earliest copy is clean (reject_reason null: a valid event_id, a
    user, a track and a time; macros/cleaning_rules.sql). Rows without a valid event_id share the
    null partition and are left out by their reason. -#}
{% macro deduplicated_events(staging_model) %}
events as (

    select * from {{ staging_model }} staged_events
    {%- if is_incremental() %}
    where {{ new_bronze_events('staged_events') }}
    {%- endif %}

),

deduplicated as (

    select *
    from (
        select
            events.*,
            row_number() over (partition by event_id order by {{ copy_order() }}) as copy_number
        from events
    ) numbered
    where copy_number = 1
      and reject_reason is null

)
{% endmacro %}
