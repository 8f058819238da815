{#
  Incremental gold models rebuild, on each run, only the days that silver rows loaded since
  their last run fall on, and replace those days whole (`unique_key` = the day column,
  `delete+insert`). A late event (a play from last week loaded now) makes its own day be rebuilt:
  what is touched follows `_loaded_at`, the time the row reached bronze, not the event's time.

  Each row carries `_loaded_through`, the newest `_loaded_at` of the silver rows it counts; the
  model's maximum is its watermark. `gold_lookback_minutes` re-reads a little before it, for
  loader transactions that committed after a later one (`_loaded_at` is a transaction's start).
  A table built before this column existed has no watermark: every day is rebuilt once, and
  `on_schema_change` adds the column.
#}

{% macro gold_incremental_config(day_column, indexes) -%}
{{ config(materialized='incremental', unique_key=day_column, incremental_strategy='delete+insert',
          on_schema_change='append_new_columns', indexes=indexes) }}
{%- endmacro %}

{#- The silver rows a run re-reads from: loaded after the watermark, less the lookback. -#}
{% macro loaded_since_watermark() -%}
    {%- set columns = adapter.get_columns_in_relation(this) | map(attribute='name') | list -%}
    {%- if '_loaded_through' in columns -%}
    _loaded_at > (select coalesce(max(_loaded_through), '-infinity'::timestamptz) from {{ this }})
                 - interval '{{ var("gold_lookback_minutes") }} minutes'
    {%- else -%}
    true
    {%- endif -%}
{%- endmacro %}

{#-
  The CTE `touched_days (day)`: on incremental runs the days of silver rows loaded since the
  watermark, on full builds none (nothing filters then). sources: [(relation, its day column)],
  every silver table the model counts, ref()'d by the model itself (dbt only sees a ref outside
  is_incremental()). `also_next_day` adds the day after each (user_daily_listening: a late play
  can merge the next day's first session into its own, changing that day's session count).
-#}
{% macro touched_days_cte(sources, also_next_day=false) -%}
touched_days as (
    {%- if is_incremental() %}
    {%- for relation, column in sources %}
    select {{ column }} as day from {{ relation }} where {{ loaded_since_watermark() }}
    {%- if also_next_day %}
    union
    select {{ column }} + 1 from {{ relation }} where {{ loaded_since_watermark() }}
    {%- endif %}
    {{- '\n    union' if not loop.last }}
    {%- endfor %}
    {%- else %}
    select cast(null as date) as day where false
    {%- endif %}
),
{%- endmacro %}

{#- `where <expr> in touched_days` on incremental runs, nothing on full builds. -#}
{% macro in_touched_days(expr) -%}
{%- if is_incremental() %}where {{ expr }} in (select day from touched_days){% endif -%}
{%- endmacro %}
