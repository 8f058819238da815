{#
  play_count_rollup(keys, names=[], order_by=keys): one row per combination of `keys` (columns of
  silver_plays; `day` stands for played_date) with its play_count. `names` are carried as max(), so
  a track whose name is spelled two ways still has one row. Rows are written in `order_by` order,
  so the rollup's lookup index reads neighbouring pages. Shared by the dashboard's rollup models.
#}
{% macro play_count_rollup(keys, names=[], order_by=none) -%}
with plays as (

    select
        {%- for column in keys + names %}
        {{ 'played_date as day' if column == 'day' else column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ ref('silver_plays') }}

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
    from plays
    group by {% for column in keys %}{{ loop.index }}{{ ', ' if not loop.last }}{% endfor %}

),

final as (

    select * from rolled_up
    order by {{ (order_by or keys) | join(', ') }}

)

select * from final
{%- endmacro %}
