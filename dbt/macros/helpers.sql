{#- "Now" for recency calculations: see var reference_time in dbt_project.yml. -#}
{% macro reference_time() -%}
    {%- set rt = var('reference_time', none) -%}
    {%- if rt is none or rt == '' -%}
        (select coalesce(max(played_at), current_timestamp) from {{ ref('silver_plays') }})
    {%- elif rt == 'now' -%}
        current_timestamp
    {%- else -%}
        cast('{{ rt }}' as timestamptz)
    {%- endif -%}
{%- endmacro %}

{% macro known_devices_list() -%}
    {%- for d in var('known_devices') -%}'{{ d }}'{{ ", " if not loop.last }}{%- endfor -%}
{%- endmacro %}

{#- UTC calendar day / hour of a timestamptz, independent of the session time zone. -#}
{% macro utc_day(expr) -%}
    cast(({{ expr }} at time zone 'UTC') as date)
{%- endmacro %}
{% macro utc_hour(expr) -%}
    cast(extract(hour from ({{ expr }} at time zone 'UTC')) as integer)
{%- endmacro %}

{#- Every model's pre-hook (dbt_project.yml): its sorts and hashes in memory for its own
    transaction. At PostgreSQL's default of 4MB the whole-history aggregates (track_popularity,
    discovery, ...) walk an index in key order or sort on disk: 1.86 s against 1.05-1.21 s at
    64MB for track_popularity's at 1M events (docs/reports/work-mem-2026-12-07.txt).
    Other engines size their memory themselves: nothing is set there. -#}
{% macro set_work_mem(size=none) -%}
{%- if target.type == 'postgres' -%}
set local work_mem = '{{ size or var("model_work_mem") }}'
{%- endif -%}
{%- endmacro %}

{#- track_recommendations' pre-hook (see there): hash instead of merge joins, PostgreSQL's planner
    setting for the model's own transaction. Other engines plan joins themselves. -#}
{% macro disable_merge_join() -%}
{%- if target.type == 'postgres' -%}
set local enable_mergejoin = off
{%- endif -%}
{%- endmacro %}
