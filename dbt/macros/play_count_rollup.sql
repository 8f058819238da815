{#
  play_count_rollup(keys, names=[], order_by=keys): one row per combination of `keys` (columns of
  silver_plays; `day` stands for played_date) with its play_count. `names` are carried as max(), so
  a track whose name is spelled two ways still has one row. Rows are written in `order_by` order,
  so the rollup's lookup index reads neighbouring pages. Shared by the dashboard's rollup models.
  A rollup by day is incremental: it rebuilds the days of silver plays loaded since its last run
  (macros/incremental_gold.sql).
#}
{% macro play_count_rollup(keys, names=[], order_by=none) -%}
{%- set by_day = 'day' in keys -%}
{%- if by_day %}{{ config(materialized='incremental', unique_key='day', incremental_strategy='delete+insert',
                          on_schema_change='append_new_columns') }}{% endif -%}
with {% if by_day %}{{ touched_days_cte([(ref('silver_plays'), 'played_date')]) }}

{% endif %}plays as (

    select
        {%- for column in keys + names %}
        {{ 'played_date as day' if column == 'day' else column }},
        {%- endfor %}
        _loaded_at
    from {{ ref('silver_plays') }}
    {%- if by_day %}
    {{ in_touched_days('played_date') }}
    {%- endif %}

),

rolled_up as (

    select
        {%- for column in keys %}
        {{ column }},
        {%- endfor %}
        count(*) as play_count
        {%- for column in names %},
        max({{ column }}) as {{ column }}
        {%- endfor %}
        {%- if by_day %},
        max(_loaded_at) as _loaded_through
        {%- endif %}
    from plays
    group by {% for column in keys %}{{ loop.index }}{{ ', ' if not loop.last }}{% endfor %}

),

final as (

    select * from rolled_up
    order by {{ (order_by or keys) | join(', ') }}

)

select * from final
{%- endmacro %}
