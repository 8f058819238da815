{#
  Incremental silver models read only the bronze rows loaded since their last run: rows whose
  `_loaded_at` (the loader transaction's start) is at or after the newest `_loaded_at` the model
  already holds, less `silver_lookback_minutes`. A late event is loaded late, so it is in the
  window whatever its played_at; the lookback only covers loader transactions that committed
  after a later-started one (two loaders, a long load). What the window re-reads and the model
  already holds is left out by key (event_id) or replaced whole (`_loaded_at`), so a re-read adds
  nothing twice.
#}

{% macro silver_incremental_config(unique_key, indexes, strategy='delete+insert') -%}
{{ config(materialized='incremental', unique_key=unique_key, incremental_strategy=strategy,
          on_schema_change='append_new_columns', indexes=indexes) }}
{%- endmacro %}

{#- `<alias>._loaded_at` within the window: at or after this model's watermark (the maximum of its
    `watermark` column) less the lookback. -#}
{% macro loaded_in_window(alias, watermark='_loaded_at') -%}
{{ alias }}._loaded_at >= (select coalesce(max({{ watermark }}), '-infinity'::timestamptz) from {{ this }})
        - interval '{{ var("silver_lookback_minutes") }} minutes'
{%- endmacro %}

{#- The new events of an event_id-keyed model: in the window and not in the model yet. `alias`
    is a staging model (its event_id is already a uuid); PostgreSQL inlines the view, so both
    conditions reach bronze's indexes. -#}
{% macro new_bronze_events(alias) -%}
{{ loaded_in_window(alias) }}
      and not exists (
          select 1 from {{ this }} existing
          where existing.event_id = {{ alias }}.event_id
      )
{%- endmacro %}

{#- Which loaded copy of an event counts ("the earliest loaded"): the order every model shares. -#}
{% macro copy_order() -%}
_loaded_at, _source_file, _kafka_partition, _kafka_offset
{%- endmacro %}

{#- is_incremental(), and the table already has these columns: a table built before they existed
    is rebuilt whole once (its rows replaced by key; on_schema_change adds the columns). -#}
{% macro incremental_with(columns) -%}
    {#- `this` is none in a dbt unit test, which builds the model as on a first run -#}
    {%- if this is none or not is_incremental() -%}{{ return(false) }}{%- endif -%}
    {%- set existing = adapter.get_columns_in_relation(this) | map(attribute='name') | list -%}
    {{ return(columns | reject('in', existing) | list | length == 0) }}
{%- endmacro %}

{#- silver_listening_sessions' pre-hook: a late play that bridges two of a listener's sessions
    merges them, and their later session numbers move down by one. Before the changed sessions
    are written, delete the sessions of the listeners numbered again since this table's last
    build that silver_play_sessions no longer has. -#}
{% macro delete_vanished_sessions() -%}
{%- if incremental_with(['_rebuilt_at']) -%}
delete from {{ this }} listening
where listening.user_id in (
        select plays.user_id from {{ ref('silver_play_sessions') }} plays
        where plays._rebuilt_at > (select coalesce(max(_rebuilt_at), '-infinity'::timestamptz) from {{ this }})
    )
  and not exists (
        select 1 from {{ ref('silver_play_sessions') }} plays where plays.session_id = listening.session_id
    )
{%- endif -%}
{%- endmacro %}
